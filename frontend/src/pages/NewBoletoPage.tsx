import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function NewBoletoPage() {
  return (
    <Page title="Novo boleto">
      <UnderConstruction>
        Aqui você vai preencher um boleto avulso (pagador, valor, vencimento, juros, multa e desconto), guardar como rascunho ou enviar para emissão no Banco Inter.
      </UnderConstruction>
    </Page>
  );
}
