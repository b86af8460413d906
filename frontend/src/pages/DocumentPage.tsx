import { useParams } from 'react-router-dom';
import { DocumentScreen } from '../features/documents/DocumentScreen';

/** #/documentos/:id — an origin document and its boletos. */
export function DocumentPage() {
  const { id } = useParams();
  const n = Number(id);
  const valid = Number.isSafeInteger(n) && n > 0 ? n : 0;
  return <DocumentScreen key={valid} id={valid} />;
}
