// Table cells from ruling lines live in src/layout/grid.ts (the layout reads them; inspect draws them).
export * from '../layout/grid.js';
