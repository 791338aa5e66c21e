/**
 * shftu-rules for Java: every numeric rule of the Shanghai Federation of Trade Unions' 2023 worker-service plan
 * (《2023年上海市总工会服务职工实事项目实施方案》, 沪工总办〔2023〕15号), each citing the clause it implements.
 *
 * <ul>
 *   <li>{@link org.shftu.rules.Rules}: one typed method per rule (inputs and results are the classes of this
 *       package, generated from the library's registry); each result carries the trace of its own decision.</li>
 *   <li>{@link org.shftu.rules.Shftu}: the JSON wire contract ({@code evaluate}, {@code evaluateMany}),
 *       {@code explain} and the registry ({@code describe}).</li>
 *   <li>{@link org.shftu.rules.ShftuException}: one subclass per error code, with the field's JSON path.</li>
 * </ul>
 *
 * <p>Money is {@link java.math.BigDecimal}, dates {@link java.time.LocalDate}; every message exists in English and
 * Chinese ({@link org.shftu.rules.Lang}). The package's non-public classes (the native library's entry points,
 * the generated encoders and decoders) are internal.
 */
package org.shftu.rules;
