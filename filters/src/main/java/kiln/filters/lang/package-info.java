/**
 * Language identification: {@link kiln.filters.lang.LanguageIdentifier} with a bundled model
 * ({@link kiln.filters.lang.OptimaizeLanguageIdentifier}, no download at run time).
 */
package kiln.filters.lang;
