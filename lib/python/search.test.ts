import { describe, expect, it } from 'vitest';
import { searchTerms } from './search';

describe('search terms', () => {
  it.each([
    ['andes', ['andes']],
    ['  andes   pagos ', ['andes', 'pagos']],
    ['a,b,,c', ['a', 'b', 'c']],
    ['"comercial andes" x', ['comercial andes', 'x']],
    ["'it\\'s' y", ["it's", 'y']],
    ['"a,b"', ['a,b']],
    ['",x",', [',x']],
  ])('splits %j into %j', (value, terms) => {
    expect(searchTerms(value)).toEqual(terms);
  });
});
