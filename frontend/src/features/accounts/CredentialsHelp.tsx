import { Accordion, List, Text } from '@mantine/core';
import { IconHelpCircle } from '@tabler/icons-react';

/**
 * "Como obter as credenciais no Banco Inter": what the user does in Inter's internet banking
 * before filling the form. Collapsible; open by default when the account is new.
 */
export function CredentialsHelp({ defaultOpen = false }: { defaultOpen?: boolean }) {
  return (
    <Accordion variant="contained" defaultValue={defaultOpen ? 'ajuda' : null}>
      <Accordion.Item value="ajuda">
        <Accordion.Control icon={<IconHelpCircle size={18} aria-hidden="true" />}>
          Como obter as credenciais no Banco Inter
        </Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" mb="xs">
            Faça isto uma vez, no Internet Banking do Inter para empresas (conta PJ), com um usuário
            que possa criar integrações:
          </Text>
          <List type="ordered" size="sm" spacing={6}>
            <List.Item>
              Abra a área <strong>Soluções para sua empresa</strong> e clique em <strong>Nova integração</strong>.
            </List.Item>
            <List.Item>Dê um nome e uma descrição que lembrem este programa, por exemplo “Boletos do escritório”.</List.Item>
            <List.Item>Marque a conta corrente (ou as contas) em que os boletos serão emitidos.</List.Item>
            <List.Item>Na primeira vez, leia e aceite os termos de uso de cada API.</List.Item>
            <List.Item>
              Em <strong>API Cobrança Boleto com Pix</strong>, marque todas as permissões. Sem elas o banco
              recusa a emissão e a consulta dos boletos.
            </List.Item>
            <List.Item>
              Clique em <strong>Criar integração</strong>. Ela aparece em “Gestão de Integrações” com o status
              “Novo”.
            </List.Item>
            <List.Item>
              Abra os detalhes da integração e baixe a chave e o certificado. O banco entrega um arquivo
              ZIP com dois arquivos dentro: escolha esse ZIP aqui do jeito que veio, sem descompactar (ou,
              se preferir, descompacte e escolha o .crt e o .key).
            </List.Item>
            <List.Item>Copie o client id e o client secret que aparecem nos detalhes da integração.</List.Item>
            <List.Item>
              Espere alguns minutos até o status mudar para <strong>Ativo</strong>. Antes disso o teste de
              conexão falha.
            </List.Item>
          </List>
          <Text size="sm" mt="sm">
            O certificado vale um ano. Perto do fim, o programa avisa; para renovar, crie uma nova
            integração e troque o certificado desta conta pelo novo ZIP.
          </Text>
          <Text size="sm" mt="xs" c="dimmed">
            A chave e o client secret ficam guardados no cofre de senhas do sistema, nunca em arquivos
            do programa.
          </Text>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
