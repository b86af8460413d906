import { Page } from '../components/Page';
import { UnderConstruction } from '../components/UnderConstruction';

export function SettingsPage() {
  return (
    <Page title="Configurações">
      <UnderConstruction>
        Aqui você vai definir os padrões de cobrança (juros, multa e desconto) e a frequência da consulta automática de pagamentos.
      </UnderConstruction>
    </Page>
  );
}
