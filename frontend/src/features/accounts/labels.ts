// Fixed pt-BR texts and option lists of the account screens.

export type Environment = 'production' | 'sandbox' | 'simulator' | 'demo';

/** Environments the user can choose in the form (the demo account is created by the program). */
export const ENVIRONMENT_OPTIONS: { value: Exclude<Environment, 'demo'>; label: string; description: string }[] = [
  {
    value: 'production',
    label: 'Produção',
    description: 'Boletos de verdade, registrados no Banco Inter e pagáveis por qualquer banco ou Pix.',
  },
  {
    value: 'sandbox',
    label: 'Sandbox do Inter',
    description: 'O ambiente de testes do próprio banco: nada é cobrado de ninguém.',
  },
  {
    value: 'simulator',
    label: 'Simulador',
    description:
      'Um Banco Inter simulado neste computador (boletos sim), para treinar e testar. Nada chega ao banco.',
  },
];

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  production: 'Produção',
  sandbox: 'Sandbox do Inter',
  simulator: 'Simulador',
  demo: 'Demonstração',
};

export const BANK_OPTION_LABEL = 'Banco Inter (077) — homologado para integração direta';

export const RENEWAL_PATH =
  'Os certificados do Banco Inter valem um ano e não são prorrogados. Para renovar, crie uma nova ' +
  'integração no Internet Banking do Inter (Soluções para sua empresa → Nova integração), baixe o ' +
  'novo ZIP e escolha-o aqui, em “Trocar certificado e chave”.';
