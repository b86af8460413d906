import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function PayersPage() {
  return (
    <Page title="Pagadores">
      <UnderConstruction>
        Aqui você vai cadastrar e consultar os pagadores dos boletos: nome, CPF ou CNPJ, endereço e e-mail.
      </UnderConstruction>
    </Page>
  );
}
