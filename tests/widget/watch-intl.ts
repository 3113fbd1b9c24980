/**
 * Records the Intl formats constructed until `restore()`. A page's first one loads the browser's locale
 * data, a long task on a phone: these tests prove when the widget needs none.
 */
export function watchIntl() {
  const made: string[] = [];
  const originals = {
    DateTimeFormat: Intl.DateTimeFormat,
    NumberFormat: Intl.NumberFormat,
    PluralRules: Intl.PluralRules,
  };
  const intl = Intl as unknown as Record<string, unknown>;
  for (const [name, original] of Object.entries(originals))
    intl[name] = new Proxy(original, {
      construct(target, args) {
        made.push(name);
        return Reflect.construct(target, args);
      },
    });
  return { made, restore: () => void Object.assign(Intl, originals) };
}
