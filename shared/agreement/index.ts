/**
 * The agreement engine: inter-coder agreement coefficients and the reports built from them.
 * Pure TypeScript (no I/O, no DOM); every coefficient is a number or `null` with a reason.
 *
 * - coefficient.ts      the result shape and the chance correction
 * - contingency.ts      two-coder tables: Cohen's κ, Scott's π, Brennan–Prediger, Gwet's AC1
 * - reliabilityData.ts  units × coders tables: percent agreement (3 definitions), κ family, Fleiss
 * - krippendorff.ts     Krippendorff's α (4 levels, missing values) and its bootstrap interval
 * - unitized.ts         uα, |uα, cuα, (k)uα on continua, from one boundary sweep
 * - binaryTally.ts      coded/uncoded counts → percent agreement, κ; NVivo's figures
 * - codings.ts          segments of 2+ coders → per code / document / pooled, 3 units of analysis
 * - matching.ts         matching two copies' documents (text, then name) and codes (id, then path)
 * - projects.ts         ProjectBundle comparisons (two projects, or coders inside one)
 * - comparisonReport.ts  the comparison as a Markdown or Word report with method, formulas, table and disagreements
 * - comparisonTable.ts  a scoped comparison as table rows (per code and pooled) and as full-precision CSV
 * - disagreements.ts   places where coders agree or differ (only some coded, different codes, boundaries) and what settling one writes
 * - documentReview.ts  review mode of one document: each coder's column of codings and the places they differ
 * - scope.ts            a comparison as asked for (coders, documents, code branch, unit), its method statement and figure formatting
 * - teammateImport.ts   a teammate's codings brought into a project under their own coders
 * - reliabilityReport.ts  the command line's --reliability-data input and output
 */
export * from './coefficient.ts';
export * from './contingency.ts';
export * from './reliabilityData.ts';
export * from './krippendorff.ts';
export * from './unitized.ts';
export * from './binaryTally.ts';
export * from './codings.ts';
export * from './matching.ts';
export * from './projects.ts';
export * from './comparisonReport.ts';
export * from './comparisonTable.ts';
export * from './disagreements.ts';
export * from './documentReview.ts';
export * from './scope.ts';
export * from './teammateImport.ts';
export * from './reliabilityReport.ts';
