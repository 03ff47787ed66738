import { describe, expect, it } from 'vitest';
import { byCodePoint, pgCollate } from './collate';

describe('pgCollate', () => {
  it('orders as glibc en_US.UTF-8: case and accents after the letters, punctuation ignored at first', () => {
    const names = ['Ñandú', 'nandu', 'Acme', 'acme', 'Árbol', 'arbol', 'B-Corp', 'bcorp'];
    // glibc 2.36 en_US.UTF-8 (Python's sorted(key=locale.strxfrm))
    expect([...names].sort(pgCollate)).toEqual(['acme', 'Acme', 'arbol', 'Árbol', 'bcorp', 'B-Corp', 'nandu', 'Ñandú']);
  });

  it('orders names ICU finds equal as glibc does, by the characters it ignored (code point order)', () => {
    // glibc: strcoll('Acme SpA', 'Acme-SpA') < 0 and strcoll('Acme-SpA', 'AcmeSpA') < 0
    expect(['AcmeSpA', 'Acme-SpA', 'Acme SpA'].sort(pgCollate)).toEqual(['Acme SpA', 'Acme-SpA', 'AcmeSpA']);
    expect(['ab', 'a-b'].sort(pgCollate)).toEqual(['a-b', 'ab']);
  });

  it('is 0 only for equal texts', () => {
    expect(pgCollate('x', 'x')).toBe(0);
    expect(pgCollate('x y', 'x_y')).not.toBe(0);
  });
});

describe('byCodePoint', () => {
  it('compares code points, not UTF-16 units', () => {
    // U+FF01 is below U+1F600, whose first UTF-16 unit (0xD83D) is below 0xFF01
    expect(byCodePoint('\uff01', '😀')).toBeLessThan(0);
    expect(byCodePoint('a', 'ab')).toBeLessThan(0);
    expect(byCodePoint('😀b', '😀a')).toBeGreaterThan(0);
  });
});
