import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

// Placeholder: the boleto detail is being written (issue #6).
export function BoletoDetailPage() {
  return (
    <Page title="Boleto">
      <UnderConstruction>Detalhe do boleto.</UnderConstruction>
    </Page>
  );
}
