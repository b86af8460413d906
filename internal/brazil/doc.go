// Package brazil validates and formats Brazilian identifiers: CPF, CNPJ
// (including the alphanumeric CNPJ of IN RFB 2.229/2024), CEP and UF, and
// names the municipality of an IBGE code.
//
// Every function is pure and safe for concurrent use. Errors carry messages
// in Brazilian Portuguese that can be shown to the user as they are.
package brazil
