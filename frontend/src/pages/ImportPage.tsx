import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function ImportPage() {
  return (
    <Page title="Importar documentos">
      <UnderConstruction>
        Aqui você vai importar arquivos XML de NF-e, NFS-e e CT-e ou planilhas CSV e transformá-los em rascunhos de boletos.
      </UnderConstruction>
    </Page>
  );
}
