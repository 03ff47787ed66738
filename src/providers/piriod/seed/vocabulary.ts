/**
 * The Latin-American flavour of the seeded book of business: where Piriod's customers are, how
 * their companies are named, written and reached. Person names and streets come from faker; the
 * rest is here because faker has no Chilean, Peruvian or Colombian locale.
 */

export interface Market {
  country: string;
  /** Share of seeded customers, in percent (the shares sum to 100). */
  share: number;
  /** Cities with the code of their state (first-level subdivision). */
  cities: readonly (readonly [city: string, state: string])[];
  legalForms: readonly string[];
  tld: string;
  /** Phone: calling code and patterns of digits (`#`); written numbers fit Piriod's 16 characters. */
  phone: { prefix: string; landline: string; mobile: string };
  /** Billing mailboxes, most likely first. */
  mailboxes: readonly string[];
  /** Street kinds: written before the name (`Av. Italia 1234`), or after it with the number first in the US. */
  streets: readonly string[];
  /** Payment gateways a customer there may have saved. */
  gateways: readonly ('paypal' | 'webpay' | 'khipu' | 'oneclick')[];
}

export const MARKETS: readonly Market[] = [
  {
    country: 'CL',
    share: 62,
    cities: [
      ['Santiago', 'RM'], ['Providencia', 'RM'], ['Las Condes', 'RM'], ['Ñuñoa', 'RM'], ['Vitacura', 'RM'],
      ['Maipú', 'RM'], ['Valparaíso', 'VS'], ['Viña del Mar', 'VS'], ['Concepción', 'BI'], ['Temuco', 'AR'],
      ['Antofagasta', 'AN'], ['La Serena', 'CO'], ['Puerto Montt', 'LL'], ['Rancagua', 'LI'], ['Talca', 'ML'],
      ['Iquique', 'TA'], ['Arica', 'AP'], ['Punta Arenas', 'MA'], ['Chillán', 'NB'], ['Valdivia', 'LR'],
      ['Copiapó', 'AT'], ['Coyhaique', 'AI'],
    ],
    legalForms: ['SpA', 'SpA', 'Ltda.', 'S.A.', 'Limitada', 'E.I.R.L.'],
    tld: 'cl',
    phone: { prefix: '+56', landline: '2 2### ####', mobile: '9 #### ####' },
    streets: [],
    mailboxes: ['facturacion', 'contacto', 'finanzas', 'administracion', 'pagos', 'dte'],
    gateways: ['webpay', 'oneclick', 'khipu'],
  },
  {
    country: 'MX',
    share: 10,
    cities: [
      ['Ciudad de México', 'CMX'], ['Guadalajara', 'JAL'], ['Monterrey', 'NLE'], ['Puebla', 'PUE'],
      ['Querétaro', 'QUE'], ['Mérida', 'YUC'], ['Tijuana', 'BCN'], ['León', 'GUA'],
    ],
    legalForms: ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'],
    tld: 'com.mx',
    phone: { prefix: '+52', landline: '55 #### ####', mobile: '33 #### ####' },
    streets: ['Av.', 'Calle', 'Calz.', 'Blvd.'],
    mailboxes: ['facturacion', 'contabilidad', 'cuentasporpagar', 'contacto'],
    gateways: ['paypal'],
  },
  {
    country: 'AR',
    share: 8,
    cities: [
      ['Buenos Aires', 'C'], ['La Plata', 'B'], ['Córdoba', 'X'], ['Rosario', 'S'], ['Mendoza', 'M'],
      ['Salta', 'A'], ['Neuquén', 'Q'],
    ],
    legalForms: ['S.A.', 'S.R.L.', 'S.A.S.'],
    tld: 'com.ar',
    phone: { prefix: '+54', landline: '11 ####-####', mobile: '11 ####-####' },
    streets: ['Av.', 'Calle'],
    mailboxes: ['facturacion', 'administracion', 'pagos', 'contacto'],
    gateways: ['paypal'],
  },
  {
    country: 'CO',
    share: 8,
    cities: [
      ['Bogotá', 'DC'], ['Medellín', 'ANT'], ['Cali', 'VAC'], ['Barranquilla', 'ATL'], ['Bucaramanga', 'SAN'],
      ['Cartagena', 'BOL'],
    ],
    legalForms: ['S.A.S.', 'S.A.', 'Ltda.'],
    tld: 'com.co',
    phone: { prefix: '+57', landline: '601 ### ####', mobile: '3## ### ####' },
    streets: ['Calle', 'Carrera', 'Av.'],
    mailboxes: ['facturacion', 'contabilidad', 'tesoreria', 'contacto'],
    gateways: ['paypal'],
  },
  {
    country: 'PE',
    share: 7,
    cities: [['Lima', 'LIM'], ['Arequipa', 'ARE'], ['Trujillo', 'LAL'], ['Cusco', 'CUS'], ['Piura', 'PIU']],
    legalForms: ['S.A.C.', 'S.A.', 'E.I.R.L.', 'S.R.L.'],
    tld: 'com.pe',
    phone: { prefix: '+51', landline: '1 ### ####', mobile: '9## ### ###' },
    streets: ['Av.', 'Jr.', 'Calle'],
    mailboxes: ['facturacion', 'contabilidad', 'pagos', 'contacto'],
    gateways: ['paypal'],
  },
  {
    country: 'UY',
    share: 2,
    cities: [['Montevideo', 'MO'], ['Punta del Este', 'MA'], ['Salto', 'SA']],
    legalForms: ['S.A.', 'S.R.L.', 'S.A.S.'],
    tld: 'com.uy',
    phone: { prefix: '+598', landline: '2### ####', mobile: '9# ### ###' },
    streets: ['Av.', 'Calle'],
    mailboxes: ['facturacion', 'administracion', 'contacto'],
    gateways: ['paypal'],
  },
  {
    country: 'EC',
    share: 1,
    cities: [['Quito', 'P'], ['Guayaquil', 'G'], ['Cuenca', 'A']],
    legalForms: ['S.A.', 'Cía. Ltda.', 'S.A.S.'],
    tld: 'com.ec',
    phone: { prefix: '+593', landline: '2 ### ####', mobile: '9# ### ####' },
    streets: ['Av.', 'Calle'],
    mailboxes: ['facturacion', 'contabilidad', 'contacto'],
    gateways: ['paypal'],
  },
  {
    country: 'US',
    share: 2,
    cities: [['Miami', 'FL'], ['New York', 'NY'], ['Austin', 'TX'], ['San Francisco', 'CA']],
    legalForms: ['LLC', 'Inc.', 'Corp.'],
    tld: 'com',
    phone: { prefix: '+1', landline: '### ### ####', mobile: '### ### ####' },
    streets: ['Street', 'Avenue', 'Blvd.'],
    mailboxes: ['billing', 'accounts', 'ap', 'finance'],
    gateways: ['paypal'],
  },
];

/** What a company does, as the first word of its name. */
export const SECTORS = [
  'Comercial', 'Inversiones', 'Servicios', 'Distribuidora', 'Constructora', 'Inmobiliaria', 'Transportes',
  'Importadora', 'Agrícola', 'Tecnologías', 'Consultora', 'Ingeniería', 'Logística', 'Alimentos', 'Textil',
  'Minera', 'Viña', 'Clínica', 'Editorial', 'Laboratorio', 'Exportadora', 'Ferretería', 'Panadería',
  'Estudio', 'Soluciones', 'Asesorías', 'Maderas', 'Pesquera', 'Farmacia', 'Centro Médico',
] as const;

/** Place-like and evocative cores of company names. */
export const CORES = [
  'Andes', 'Pacífico', 'Austral', 'Los Robles', 'Cordillera', 'del Valle', 'San Martín', 'Altamira', 'Horizonte',
  'Araucaria', 'Norte Grande', 'Patagonia', 'Los Alerces', 'Tres Ríos', 'Bahía', 'La Estrella', 'El Roble',
  'Los Aromos', 'Quillay', 'Nativa', 'Tierra Fértil', 'Mar Azul', 'Puerto Nuevo', 'Los Lagos', 'Sol del Sur',
  'Cumbres', 'Valle Central', 'Las Vertientes', 'Río Claro', 'Santa Elena', 'Lircay', 'Atacama', 'Pehuén',
  'Mapocho', 'Calafate', 'Copihue', 'Los Olivos', 'Ruta Sur', 'Alto Maipo', 'Laguna Verde',
] as const;

/** Chilean streets (faker has no Chilean locale); other markets use faker's Spanish streets. */
export const CHILEAN_STREETS = [
  'Av. Apoquindo', 'Av. Providencia', "Av. Libertador Bernardo O'Higgins", 'Av. Vitacura', 'Isidora Goyenechea',
  'Huérfanos', 'Agustinas', 'Av. Los Leones', 'Av. Irarrázaval', 'Av. Andrés Bello', 'Av. Presidente Kennedy',
  'Av. Vicuña Mackenna', 'Av. Brasil', 'Av. Pedro Montt', 'Av. España', 'Barros Arana', 'Colón', 'Errázuriz',
  'Av. Matta', 'Av. Alemania', 'Av. Grecia', 'Los Carrera', 'Av. Libertad', 'San Antonio', 'Moneda',
] as const;

/** Economic activities as Chile's tax agency (SII) words them, for `tax_settings`. */
export const CL_ACTIVITIES = [
  'Venta al por mayor no especializada',
  'Actividades de consultoría de informática y de gestión de instalaciones informáticas',
  'Construcción de edificios para uso residencial',
  'Transporte de carga por carretera',
  'Actividades de contabilidad, teneduría de libros y auditoría',
  'Venta al por menor en comercios no especializados',
  'Elaboración de productos de panadería y pastelería',
  'Actividades de agencias de publicidad',
  'Cultivo de uva destinada a la producción de vino',
  'Servicios de ingeniería prestados por empresas',
  'Actividades de clínicas y centros médicos privados',
  'Alquiler de bienes inmuebles propios o arrendados',
] as const;

export const METADATA_SEGMENTS = ['pyme', 'corporativo', 'startup', 'gobierno', 'retail'] as const;
