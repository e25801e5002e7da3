/**
 * Design-based estimation core: designs, raking, linearisation variance, estimators, intervals
 * for proportions and tests, each reproducing R's survey package (see README "Statistical methods").
 */
export { DesignError, RakeError, srsDesign, stratifiedDesign, weightsDesign } from './design.js';
export type { Stratum, SurveyDesign, CalibrationMargin } from './design.js';
export { svyMean, svyTotal, svyShares } from './estimators.js';
export type { Estimate, EstimateOptions } from './estimators.js';
export { logitBounds, svyCiProp, wilsonBounds } from './ciprop.js';
export { svyMeansByGroup } from './grouped.js';
export type { GroupMean } from './grouped.js';
export type { CiMethod } from './ciprop.js';
export { linearisedVariance, linearisedCovariance } from './variance.js';
export * from './distributions.js';
export { rakeDesign } from './rake.js';
export type { RakeMargin, RakeOptions } from './rake.js';
export { svyTTest } from './ttest.js';
export type { TTestResult } from './ttest.js';
export { svyChisq } from './chisq.js';
export type { ChisqResult } from './chisq.js';
