import { describe, expect, it } from 'vitest';
import { containsIgnoringCase, flippedWord } from './filters';

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
