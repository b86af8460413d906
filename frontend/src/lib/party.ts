import type { PartyDTO } from './backend';

/** A payer or a beneficiary with every field blank: where a new one starts. */
export const EMPTY_PARTY: PartyDTO = {
  document: '',
  name: '',
  address: '',
  number: '',
  complement: '',
  district: '',
  city: '',
  uf: '',
  cep: '',
  email: '',
  ddd: '',
  phone: '',
};
