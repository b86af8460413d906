// How origin documents are named on screen. The backend's labels are lower case ("pedido de
// venda 123", "boleto avulso") to fit inside sentences; titles and chips start with a capital.

/** "pedido de venda" → "Pedido de venda"; "NF-e" stays as it is. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The name of a document for titles and links: "NF-e 1234 série 1", "Pedido de venda 55". A plan
 * made in the app (kind "manual") is a "Parcelamento", with its number when it has one.
 */
export function documentTitle(doc: { kind: string; label: string }): string {
  if (doc.kind === 'manual') return doc.label.replace(/^documento\b/i, 'Parcelamento');
  return capitalize(doc.label);
}

/**
 * The label of an origin kind in the list's "Origem" filter. A plan made in the app is called
 * "Parcelamento" here, as in Novo boleto's "Tipo de documento".
 */
export function originLabel(kind: string, label: string): string {
  return kind === 'manual' ? 'Parcelamento' : capitalize(label);
}
