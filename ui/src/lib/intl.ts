// Intl objects are costly to build (each loads its locale's data from ICU;
// toLocaleDateString builds a new formatter on every call), and the views
// format dozens of dates and numbers with a handful of option sets. So each
// is built once per locale and options, and reused.

/** The Intl object in `map` for `locale` and `options`, built on first use. */
export function cachedIntl<F>(map: Map<string, F>, locale: string, options: object, build: () => F): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = map.get(key);
  if (f === undefined) {
    f = build();
    map.set(key, f);
  }
  return f;
}
