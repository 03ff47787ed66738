import { describe, expect, it } from 'vitest';
import { AnswerBytes, fingerprint, KEPT_FROM_CHARS } from './answer-bytes';

const text = (n: number, name = 'Ñuñoa') => JSON.stringify({ id: n, name, pad: 'x'.repeat(KEPT_FROM_CHARS) });

describe('AnswerBytes', () => {
  it('answers a text as it is the first time, then from its UTF-8 bytes, the same bytes every time after', () => {
    const answers = new AnswerBytes();
    const t = text(1);
    expect(answers.body(t)).toBe(t);
    const second = answers.body(t);
    expect(second).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(second as Uint8Array)).toBe(t);
    expect(answers.body(t)).toBe(second);
  });

  it('finds the bytes of an equal text built again, as an indented answer is at every request', () => {
    const answers = new AnswerBytes();
    answers.body(text(2));
    answers.body(text(2));
    expect(answers.body(text(2))).toBeInstanceOf(Uint8Array);
  });

  it('keeps nothing of short texts or of texts asked once each', () => {
    const answers = new AnswerBytes();
    const short = '{"id":1}';
    for (let i = 0; i < 3; i++) expect(answers.body(short)).toBe(short);
    for (let i = 0; i < 5_000; i++) answers.body(text(i));
    expect(answers.size).toBe(0);
  });

  it('keeps at most 4 MiB of bytes, the least recently asked forgotten first', () => {
    const answers = new AnswerBytes();
    const big = (n: number) => JSON.stringify({ id: n, pad: 'y'.repeat(200_000) });
    for (let i = 0; i < 30; i++) {
      answers.body(big(i));
      answers.body(big(i));
    }
    // Each is some 200 KB of bytes: twenty fit.
    expect(answers.size).toBe(20);
    expect(answers.body(big(29))).toBeInstanceOf(Uint8Array);
    expect(typeof answers.body(big(0))).toBe('string');
  });
});

describe('fingerprint', () => {
  it('tells apart texts that differ in their first characters, their length or their spread-out ones', () => {
    const a = JSON.stringify({ id: 'cus_a', pad: 'x'.repeat(2000) });
    expect(fingerprint(a)).toBe(fingerprint(JSON.stringify({ id: 'cus_a', pad: 'x'.repeat(2000) })));
    expect(fingerprint(a)).not.toBe(fingerprint(JSON.stringify({ id: 'cus_b', pad: 'x'.repeat(2000) })));
    expect(fingerprint(a)).not.toBe(fingerprint(JSON.stringify({ id: 'cus_a', pad: 'x'.repeat(2001) })));
  });

  it('answers a text by its own bytes even when another text shares its fingerprint', () => {
    const answers = new AnswerBytes();
    // Same length and head; a middle character the spread-out ones may miss.
    const one = `{"id":"cus_same","pad":"${'x'.repeat(1000)}a${'x'.repeat(1000)}"}`;
    const two = `{"id":"cus_same","pad":"${'x'.repeat(1000)}b${'x'.repeat(1000)}"}`;
    expect(fingerprint(one)).toBe(fingerprint(two));
    for (let i = 0; i < 3; i++) answers.body(one);
    const sent = answers.body(two);
    const text = typeof sent === 'string' ? sent : new TextDecoder().decode(sent);
    expect(text).toBe(two);
  });
});
