import { describe, expect, it } from 'vitest';
import type { CustomerView } from './api';
import { containsIgnoringCase, flippedWord, twoTerms } from './filters';

describe('flippedWord (the __icontains and search term taken from a name)', () => {
  it('flips the case of every letter whose upper and lower case map one to one', () => {
    expect(flippedWord('Distribuidora Andes SpA')).toBe('ISTRIBUIDOR');
    expect(flippedWord('ÑANDÚES Ltda')).toBe('andúe');
  });

  it('keeps a letter whose case does not map one to one, so the database still finds the name', () => {
    // PostgreSQL's UPPER() keeps ß (towupper: one character for one), so a term written SS would
    // find no "Großhandel"; ſ, µ and ς fold to letters that do not fold back to them.
    expect(flippedWord('Großhandel Andes')).toBe('ROßHANDE');
    expect(flippedWord('Caſtellanos SpA')).toBe('AſTELLANO');
    expect(flippedWord('Iµµunología SpA')).toBe('µµUNOLOGÍ');
    expect(flippedWord('Odosςara Ltda')).toBe('DOSςAR');
    expect(flippedWord('Xİzmirlio Ltda')).toBe('İZMIRLI');
  });
});

describe('containsIgnoringCase (a result a case-insensitive lookup may return)', () => {
  it('accepts a text that holds the part under lower-casing or upper-casing', () => {
    expect(containsIgnoringCase('Großhandel', 'ROßHANDE')).toBe(true);
    expect(containsIgnoringCase('Caſtellanos', 'CASTELLANO')).toBe(true);
    expect(containsIgnoringCase('Yıldız Ltda', 'YILDIZ')).toBe(true);
    expect(containsIgnoringCase('Andes', 'ndez')).toBe(false);
  });
});

describe('twoTerms (the two-word search term)', () => {
  const customer = (id: string, name: string) => ({ id, name, email: null, tax_id: null }) as unknown as CustomerView;

  it('picks words each of which another customer holds without the other, so a search keeping one term shows', () => {
    const page = [
      customer('a', 'Pesquera Matías S.R.L.'),
      customer('b', 'Servicios Andes Norte Ltda'),
      customer('c', 'Servicios Ruta Sur'),
      customer('d', 'Comercial Andes Sur'),
    ];
    // "Pesquera Matías" has no such pair; "Servicios Andes Norte" has: c holds "ervicio" without
    // "nde", d holds "nde" without "ervicio".
    expect(twoTerms(page[0], page)).toBeUndefined();
    expect(twoTerms(page[1], page)).toBe('nde ervicio');
  });

  it("falls back to a name's two longest words when no customer of the page has a telling pair", () => {
    const page = [customer('a', 'Pesquera Matías S.R.L.'), customer('b', 'Frutícola Sur')];
    expect(twoTerms(page[0], page)).toBe('atía esquer');
    expect(twoTerms(customer('x', 'Andes'), page)).toBeUndefined();
  });
});
