import { describe, expect, it } from 'vitest';
import { attempt, onceReady } from './later';

describe('onceReady', () => {
  it('runs the next step in the same turn when the value is already there', () => {
    let ran = false;
    const result = onceReady(2, (n) => {
      ran = true;
      return n * 3;
    });
    expect(ran).toBe(true);
    expect(result).toBe(6);
  });

  it('waits for a promised value and passes a promise on', async () => {
    const result = onceReady(Promise.resolve(2), (n) => n * 3);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe(6);
  });
});

describe('attempt', () => {
  it('answers a synchronous throw at once', () => {
    const result = attempt<string>(
      () => {
        throw new Error('boom');
      },
      (error) => `failed: ${(error as Error).message}`,
    );
    expect(result).toBe('failed: boom');
  });

  it('answers a rejection once it happens', async () => {
    const result = attempt<string>(
      () => Promise.reject(new Error('late')),
      (error) => `failed: ${(error as Error).message}`,
    );
    expect(await result).toBe('failed: late');
  });

  it('lets an error the handler rethrows propagate', async () => {
    const rethrow = (error: unknown): string => {
      throw error;
    };
    expect(() =>
      attempt(() => {
        throw new TypeError('bug');
      }, rethrow),
    ).toThrow(TypeError);
    await expect(attempt(() => Promise.reject(new TypeError('bug')), rethrow)).rejects.toThrow(TypeError);
  });
});
