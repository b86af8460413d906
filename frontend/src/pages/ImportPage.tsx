import { ImportScreen } from '../features/import/ImportScreen';

/** #/importar: "Importar documentos" (NF-e, NFS-e, CT-e XML, ZIPs and CSV spreadsheets). */
export function ImportPage() {
  return <ImportScreen />;
}
