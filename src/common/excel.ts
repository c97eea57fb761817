import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

/** exceljs and what it pulls in (jszip, unzipper, bluebird...) are ~300 modules: loaded with the first XLSX export, not at boot. */
export function loadExcel(): Promise<typeof ExcelJS> {
  return (loaded ??= import('exceljs').then((m) => m.default));
}
