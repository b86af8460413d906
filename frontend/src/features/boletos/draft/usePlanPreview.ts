import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import {
  asBackendError,
  planInstallments,
  type BackendError,
  type FieldProblem,
  type InstallmentPlanInput,
  type PlannedInstallmentRow,
} from '../../../lib/backend';
import { PREVIEW_DEBOUNCE_MS } from './useDraftPreview';

export interface PlanPreviewState {
  /** The installments of the last plan checked; empty when it was refused or none was yet. */
  rows: PlannedInstallmentRow[];
  /** Why the last plan was refused, by field ("valor", "parcelas", "primeiroVencimento"…). */
  problems: FieldProblem[];
  /** True while the plan differs from the one `rows` and `problems` are about. */
  pending: boolean;
  /** True once a plan was checked. */
  checked: boolean;
  /** The check itself failed (not the plan); the form still works without it. */
  error: BackendError | null;
}

/**
 * Splits the plan with planInstallments once typing pauses (nothing is saved). A slower answer
 * to an older plan never replaces a newer one. `plan` null: nothing to split.
 */
export function usePlanPreview(plan: InstallmentPlanInput | null): PlanPreviewState {
  const key = plan ? JSON.stringify(plan) : '';
  const [debounced] = useDebouncedValue(key, PREVIEW_DEBOUNCE_MS);
  const [state, setState] = useState<Omit<PlanPreviewState, 'pending'> & { key: string }>({
    rows: [],
    problems: [],
    checked: false,
    error: null,
    key: '',
  });

  useEffect(() => {
    if (debounced === '') return;
    let current = true;
    planInstallments(JSON.parse(debounced) as InstallmentPlanInput).then(
      ({ rows, problems }) => {
        if (current) setState({ rows, problems, checked: true, error: null, key: debounced });
      },
      (err: unknown) => {
        if (!current) return;
        const error = asBackendError(err, 'Não foi possível calcular as parcelas agora.');
        setState((s) => ({ ...s, rows: [], checked: true, error, key: debounced }));
      },
    );
    return () => {
      current = false;
    };
  }, [debounced]);

  return {
    rows: state.rows,
    problems: state.problems,
    pending: key !== '' && key !== state.key,
    checked: state.checked,
    error: state.error,
  };
}
