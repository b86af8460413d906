// How origin documents are named on screen. The backend's labels are lower case ("pedido de
// venda 123", "boleto avulso") to fit inside sentences; titles and chips start with a capital.

/** "pedido de venda" → "Pedido de venda"; "NF-e" stays as it is. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The name of a document for titles and links: "NF-e 1234 série 1", "Pedido de venda 55",
 * "Parcelamento 7" (a plan made in the app).
 */
export function documentTitle(doc: { kind: string; label: string }): string {
  return capitalize(doc.label);
}

/** The label of an origin kind in the list's "Origem" filter: "Pedido de venda", "Parcelamento". */
export function originLabel(label: string): string {
  return capitalize(label);
}
