// Cross-year checks: consecutive reports of one agency must agree with each other.
export {
  crossYearChecks,
  toYearReport,
  agencyKey,
  type CrossYearCheck,
  type YearReport,
  type ReportRef,
} from './checks.js';
