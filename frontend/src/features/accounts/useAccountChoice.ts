import { useState } from 'react';
import { listAccounts, newDraft, type AccountView, type DraftInput } from '../../lib/backend';
import { useLoad } from './useLoad';

/** The accounts; an empty list also when the backend answers null (no rows). */
export function loadAccounts(): Promise<AccountView[]> {
  return listAccounts().then((accounts) => accounts ?? []);
}

/** Loads the accounts once (and again on `reload`), as a LoadState. */
export function useAccounts(fallbackMessage = 'Não foi possível carregar as contas bancárias.') {
  return useLoad(loadAccounts, 'accounts', fallbackMessage);
}

/**
 * The account a boleto comes from: the only one at once, or none until the user picks one;
 * `defaults` are that account's draft defaults (charges, due date), loaded when it changes.
 */
export function useAccountChoice(accounts: AccountView[], defaultsErrorMessage: string) {
  const [accountId, setAccountId] = useState<number | null>(accounts.length === 1 ? accounts[0].id : null);
  const defaults = useLoad<DraftInput | null>(
    () => (accountId === null ? Promise.resolve(null) : newDraft(accountId)),
    accountId,
    defaultsErrorMessage,
  );
  return { accountId, setAccountId, defaults };
}
