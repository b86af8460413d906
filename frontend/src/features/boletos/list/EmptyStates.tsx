import { Button, EmptyState } from '@mantine/core';
import { IconFileImport, IconFileInvoice, IconFilePlus, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router-dom';

/** No boleto at all yet: the two ways to make some. */
export function NoBoletos() {
  return (
    <EmptyState
      icon={<IconFileInvoice size={32} aria-hidden="true" />}
      variant="light"
      title="Nenhum boleto ainda"
      description="Crie um boleto preenchendo o pagador, o valor e o vencimento, ou importe notas fiscais (NF-e, CT-e, NFS-e) e planilhas para gerar vários rascunhos de uma vez."
      maw={640}
      role="region"
      aria-label="Nenhum boleto ainda"
    >
      <EmptyState.Actions>
        <Button component={Link} to="/boletos/novo" leftSection={<IconFilePlus size={18} aria-hidden="true" />}>
          Novo boleto
        </Button>
        <Button
          component={Link}
          to="/importar"
          variant="default"
          leftSection={<IconFileImport size={18} aria-hidden="true" />}
        >
          Importar documentos
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** Boletos exist, but none matches the filters. */
export function NoResults({ onClear }: { onClear: () => void }) {
  return (
    <EmptyState
      icon={<IconSearch size={32} aria-hidden="true" />}
      title="Nenhum boleto com estes filtros"
      description="Confira a grafia da busca, amplie os períodos ou escolha outras situações."
      maw={640}
      role="region"
      aria-label="Nenhum boleto com estes filtros"
    >
      <EmptyState.Actions>
        <Button variant="light" leftSection={<IconFilterOff size={18} aria-hidden="true" />} onClick={onClear}>
          Limpar filtros
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
