/**
 * Piriod's reference data: countries (rendered as Country objects), their states, the currencies a
 * customer may be billed in, and the tax-id rules of regulated countries. The schemas validate
 * against these; a contract suite can use them without loading anything of the mock.
 *
 * Sources: ISO 3166-1 names and calling codes from `countries-list`, subdivisions from
 * `country-region-data`, ISO 4217 from the published list. Which countries Piriod regulates and
 * the exact state id scheme are not documented: see docs/fidelity/piriod.md.
 */
import { countries as countryTable } from 'countries-list';
import regionData from 'country-region-data/data.json' with { type: 'json' };

/** Active ISO 4217 alphabetic codes (funds and precious metals included, as ISO lists them). */
export const CURRENCY_CODES = [
  'AED',
  'AFN',
  'ALL',
  'AMD',
  'ANG',
  'AOA',
  'ARS',
  'AUD',
  'AWG',
  'AZN',
  'BAM',
  'BBD',
  'BDT',
  'BHD',
  'BIF',
  'BMD',
  'BND',
  'BOB',
  'BOV',
  'BRL',
  'BSD',
  'BTN',
  'BWP',
  'BYN',
  'BZD',
  'CAD',
  'CDF',
  'CHE',
  'CHF',
  'CHW',
  'CLF',
  'CLP',
  'CNY',
  'COP',
  'COU',
  'CRC',
  'CUP',
  'CVE',
  'CZK',
  'DJF',
  'DKK',
  'DOP',
  'DZD',
  'EGP',
  'ERN',
  'ETB',
  'EUR',
  'FJD',
  'FKP',
  'GBP',
  'GEL',
  'GHS',
  'GIP',
  'GMD',
  'GNF',
  'GTQ',
  'GYD',
  'HKD',
  'HNL',
  'HTG',
  'HUF',
  'IDR',
  'ILS',
  'INR',
  'IQD',
  'IRR',
  'ISK',
  'JMD',
  'JOD',
  'JPY',
  'KES',
  'KGS',
  'KHR',
  'KMF',
  'KPW',
  'KRW',
  'KWD',
  'KYD',
  'KZT',
  'LAK',
  'LBP',
  'LKR',
  'LRD',
  'LSL',
  'LYD',
  'MAD',
  'MDL',
  'MGA',
  'MKD',
  'MMK',
  'MNT',
  'MOP',
  'MRU',
  'MUR',
  'MVR',
  'MWK',
  'MXN',
  'MXV',
  'MYR',
  'MZN',
  'NAD',
  'NGN',
  'NIO',
  'NOK',
  'NPR',
  'NZD',
  'OMR',
  'PAB',
  'PEN',
  'PGK',
  'PHP',
  'PKR',
  'PLN',
  'PYG',
  'QAR',
  'RON',
  'RSD',
  'RUB',
  'RWF',
  'SAR',
  'SBD',
  'SCR',
  'SDG',
  'SEK',
  'SGD',
  'SHP',
  'SLE',
  'SOS',
  'SRD',
  'SSP',
  'STN',
  'SVC',
  'SYP',
  'SZL',
  'THB',
  'TJS',
  'TMT',
  'TND',
  'TOP',
  'TRY',
  'TTD',
  'TWD',
  'TZS',
  'UAH',
  'UGX',
  'USD',
  'USN',
  'UYI',
  'UYU',
  'UYW',
  'UZS',
  'VED',
  'VES',
  'VND',
  'VUV',
  'WST',
  'XAF',
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XCD',
  'XCG',
  'XDR',
  'XOF',
  'XPD',
  'XPF',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
  'YER',
  'ZAR',
  'ZMW',
  'ZWG',
] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

// Fund codes and units of account are valid currencies but not what a country "uses".
const NOT_A_COUNTRY_CURRENCY = new Set(['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW']);

/**
 * Countries whose tax id Piriod requires and checks. Chile is certain (Piriod issues Chilean tax
 * documents and the start document shows `has_regulation: true` for Chile); no other is documented.
 */
export const REGULATED_COUNTRIES: ReadonlySet<string> = new Set(['CL']);

export interface CountryInfo {
  id: string;
  name: string;
  /** International calling code, `+56`. */
  code: string;
  has_regulation: boolean;
  currencies: string[];
}

export interface StateInfo {
  /** Country code + subdivision code, at most six characters: `CLRM`, `USAZ`, `MXCMX`. */
  id: string;
  code: string;
  name: string;
}

const currencySet: ReadonlySet<string> = new Set(CURRENCY_CODES);

/** Every country by ISO alpha-2 code, as the API renders it (frozen: shared by every record). */
export const COUNTRIES: ReadonlyMap<string, Readonly<CountryInfo>> = new Map(
  Object.entries(countryTable)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, c]) => {
      const currencies = c.currency.filter((code) => currencySet.has(code) && !NOT_A_COUNTRY_CURRENCY.has(code));
      const info: CountryInfo = {
        id,
        name: c.name,
        code: `+${c.phone[0]}`,
        has_regulation: REGULATED_COUNTRIES.has(id),
        currencies,
      };
      Object.freeze(info.currencies);
      return [id, Object.freeze(info)];
    }),
);

/** The ISO alpha-2 codes `country` accepts, sorted. */
export const COUNTRY_CODES = [...COUNTRIES.keys()] as [string, ...string[]];

/** Subdivisions by country code, in the source's order. */
export const STATES: ReadonlyMap<string, readonly Readonly<StateInfo>[]> = (() => {
  const byCountry = new Map<string, Readonly<StateInfo>[]>();
  for (const entry of regionData as { countryShortCode: string; regions: { name: string; shortCode?: string }[] }[]) {
    if (!COUNTRIES.has(entry.countryShortCode)) continue;
    const seen = new Set<string>();
    const states: Readonly<StateInfo>[] = [];
    for (const region of entry.regions) {
      // Some sources prefix the country (`DK-84`); Piriod's ids are country + subdivision.
      const code = region.shortCode?.split('-').pop()?.toUpperCase();
      if (!code || code.length > 4 || seen.has(code)) continue;
      seen.add(code);
      states.push(Object.freeze({ id: `${entry.countryShortCode}${code}`, code, name: region.name }));
    }
    byCountry.set(entry.countryShortCode, states);
  }
  return byCountry;
})();

const statesById = new Map<string, Readonly<StateInfo>>();
for (const states of STATES.values()) for (const state of states) statesById.set(state.id, state);

/** A state by its id (`CLRM`). */
export function stateById(id: string): Readonly<StateInfo> | undefined {
  return statesById.get(id);
}

/**
 * The state of `country` that `value` names: its id (`CLRM`) or its bare code (`RM`). Which form
 * Piriod takes is not documented, so both are accepted (a guess, in the fidelity notes).
 */
export function findState(country: string, value: string): Readonly<StateInfo> | undefined {
  const byId = statesById.get(value);
  if (byId) return byId.id.startsWith(country) ? byId : undefined;
  return STATES.get(country)?.find((s) => s.code === value);
}

/** The currency a customer of `country` is billed in when none is given. */
export function defaultCurrency(country: string | null | undefined): string {
  // Piriod is a Chilean platform: without a country (or one without a currency) it bills in pesos.
  return (country && COUNTRIES.get(country)?.currencies[0]) || 'CLP';
}

// --- Chile's RUT ------------------------------------------------------------------------------

/** The check digit of a RUT body: modulo 11 with weights 2..7 from the right (`0`–`9` or `K`). */
export function rutCheckDigit(body: number): string {
  let sum = 0;
  let factor = 2;
  for (let n = body; n > 0; n = Math.floor(n / 10)) {
    sum += (n % 10) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'K' : String(r);
}

// 12.345.678-5, 12345678-5, 123456785 (dots only in their places; the hyphen optional).
const RUT_SHAPE = /^(\d{1,2}\.\d{3}\.\d{3}|\d{1,3}\.\d{3}|\d{1,8})-?([0-9Kk])$/;

/** The RUT's body and check digit, or undefined when `value` is not shaped like a RUT. */
function splitRut(value: string): { body: number; check: string } | undefined {
  const m = RUT_SHAPE.exec(value);
  if (!m) return undefined;
  const body = Number(m[1].replace(/\./g, ''));
  return body > 0 ? { body, check: m[2].toUpperCase() } : undefined;
}

/** Whether `value` is a Chilean RUT whose check digit is right. */
export function isValidRut(value: string): boolean {
  const rut = splitRut(value);
  return rut !== undefined && rutCheckDigit(rut.body) === rut.check;
}

/** A RUT in its display form `XX.XXX.XXX-Y` (uppercase K), or undefined when invalid. */
export function formatRut(value: string): string | undefined {
  const rut = splitRut(value);
  if (!rut || rutCheckDigit(rut.body) !== rut.check) return undefined;
  return `${String(rut.body).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${rut.check}`;
}

/**
 * A valid RUT for a body of one to eight digits, in display form: what `formatRut` makes of the
 * body and its check digit, without parsing it back. Built with `join`, one flat string: the seed
 * keeps every customer's tax id, and a template's pieces would stay a chain of them.
 */
export function rutFor(body: number): string {
  const digits = String(body);
  const n = digits.length;
  const groups =
    n > 6
      ? [digits.slice(0, n - 6), digits.slice(n - 6, n - 3), digits.slice(n - 3)]
      : n > 3
        ? [digits.slice(0, n - 3), digits.slice(n - 3)]
        : [digits];
  return [groups.join('.'), rutCheckDigit(body)].join('-');
}

/** Tax-id rules of the regulated countries: a check and the stored (display) form. */
export const TAX_ID_RULES: ReadonlyMap<string, { isValid(value: string): boolean; normalize(value: string): string }> = new Map([
  ['CL', { isValid: isValidRut, normalize: (value: string) => formatRut(value) ?? value }],
]);
