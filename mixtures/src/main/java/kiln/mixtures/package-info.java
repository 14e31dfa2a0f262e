/**
 * Mixtures and data curricula, pure Java: the curriculum schema ({@link kiln.mixtures.Curriculum}) and its
 * validating loader ({@link kiln.mixtures.CurriculumLoader}), the row-filter language
 * ({@link kiln.mixtures.PredicateParser}), token-budget planning ({@link kiln.mixtures.MixPlanner} →
 * {@link kiln.mixtures.MixPlan}), the sampling hashes ({@link kiln.mixtures.DocHash}) and Megatron blend
 * strings ({@link kiln.mixtures.MegatronBlend}). The Spark side is {@code kiln.mixtures.spark}.
 * User documentation: docs/mixtures.md.
 */
package kiln.mixtures;
