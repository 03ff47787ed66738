import { describe, expect, it } from 'vitest';
import { acceptedMediaType, jsonIndent, mediaTypeMatches, parseMediaType } from './media-type';

describe('DRF media types', () => {
  it('reads a header as parse_header_parameters does: lower-cased names, quoted values unquoted', () => {
    const type = parseMediaType('Application/JSON; Charset="utf\\"8"; q=0.5');
    expect(type).toEqual({
      main: 'application',
      sub: 'json',
      params: new Map([
        ['charset', 'utf"8'],
        ['q', '0.5'],
      ]),
    });
    expect(mediaTypeMatches('application/json', parseMediaType('*/*'))).toBe(true);
    expect(mediaTypeMatches('application/json', parseMediaType('application/vnd.api+json'))).toBe(false);
  });

  // Each answer as DRF 3.14's DefaultContentNegotiation.select_renderer and JSONRenderer.get_indent
  // gave it side by side (`undefined` for no header; NotAcceptable as undefined).
  it.each<[string | undefined, string | undefined, number | undefined]>([
    [undefined, 'application/json', undefined],
    ['', undefined, undefined],
    ['application/json; indent=2', 'application/json; indent=2', 2],
    ['*/*; indent=2', 'application/json;indent=2', 2],
    ['application/*;indent=3', 'application/json;indent=3', 3],
    ['text/html, application/json; indent=4', 'application/json; indent=4', 4],
    ['application/json, */*; indent=2', 'application/json', undefined],
    ['application/xml', undefined, undefined],
    ['application/json; indent=x', 'application/json; indent=x', undefined],
    ['application/json; indent=20', 'application/json; indent=20', 8],
    ['application/json; indent=-3', 'application/json; indent=-3', undefined],
    ['application/json; indent="3"', 'application/json; indent="3"', 3],
    ['application/json; indent= 5 ', 'application/json; indent= 5', 5],
    ['*/*;q=0.8', 'application/json;q=0.8', undefined],
    ['APPLICATION/JSON; INDENT=2', 'APPLICATION/JSON; INDENT=2', 2],
  ])('accepts %j as %j, indented by %j', (accept, accepted, indent) => {
    expect(acceptedMediaType(accept, 'application/json')).toBe(accepted);
    if (accepted !== undefined) expect(jsonIndent(accepted)).toBe(indent);
  });
});
