/**
 * Values a request has at once or only once its body has arrived. A request that needs nothing
 * from the network beyond its head (a read) is answered in the same turn of the event loop: every
 * `await` on a value already there costs a promise and a trip through the microtask queue, which
 * on a small answer is a measurable share of the server's time (src/core/traffic.ts).
 */
export type Later<T> = T | Promise<T>;

/**
 * `next(value)`: at once when the value is there, once it is otherwise. (Not named `then`: a module
 * exporting `then` is a thenable, which `await import()` would call.)
 */
export function onceReady<T, U>(value: Later<T>, next: (value: T) => Later<U>): Later<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * `run()`, with `failed` answering what it throws, at once or once it rejects. `failed` may throw
 * in turn (an error it does not handle), which then propagates the same way.
 */
export function attempt<T>(run: () => Later<T>, failed: (error: unknown) => T): Later<T> {
  let value: Later<T>;
  try {
    value = run();
  } catch (error) {
    return failed(error);
  }
  return value instanceof Promise ? value.catch(failed) : value;
}
