/**
 * One instance per process, even when a module is evaluated twice. That happens on purpose
 * here: the Express server bundle and the Remix server build each contain their own copy of
 * `db.server.ts`, and the dev server re-imports the Remix build on every change. Without this
 * the process would open the embedded database twice, which corrupts it.
 */
export function singleton<T>(name: string, create: () => T): T {
  const registry = globalThis as unknown as { __shortlistSingletons?: Map<string, unknown> };
  registry.__shortlistSingletons ??= new Map();
  if (!registry.__shortlistSingletons.has(name)) {
    registry.__shortlistSingletons.set(name, create());
  }
  return registry.__shortlistSingletons.get(name) as T;
}

export function forgetSingleton(name: string) {
  const registry = globalThis as unknown as { __shortlistSingletons?: Map<string, unknown> };
  registry.__shortlistSingletons?.delete(name);
}
