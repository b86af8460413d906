// Which part of a boleto a problem's field path belongs to ("pagador.cep" → "Pagador"), for the
// lists of problems of a draft or of a boleto the bank refused.

const SECTIONS: [prefix: string, label: string][] = [
  ['seuNumero', 'Seu número'],
  ['valor', 'Valor'],
  ['vencimento', 'Vencimento'],
  ['conta', 'Conta'],
  ['pagador', 'Pagador'],
  ['beneficiarioFinal', 'Beneficiário final'],
  ['juros', 'Juros'],
  ['multa', 'Multa'],
  ['desconto', 'Desconto'],
  ['mensagem', 'Mensagem'],
  ['numDiasAgenda', 'Prazo após o vencimento'],
  ['motivo', 'Motivo'],
];

/** The pt-BR name of the part of the boleto a field path belongs to; "" when unknown. */
export function fieldSection(path: string): string {
  const head = path.split(/[.[]/, 1)[0];
  return SECTIONS.find(([prefix]) => prefix === head)?.[1] ?? '';
}
