import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function AccountsPage() {
  return (
    <Page title="Contas bancárias">
      <UnderConstruction>
        Aqui você vai configurar a conta do Banco Inter com integração direta (certificado, chave, client id e client secret) e testar a conexão.
      </UnderConstruction>
    </Page>
  );
}
