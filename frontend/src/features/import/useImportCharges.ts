import { useCallback, useMemo, useState } from 'react';
import { previewDraft, type DraftInput, type ParametersDTO } from '../../lib/backend';
import { chargesPath, draftValues, toDraftInput } from '../boletos/draft/draftValues';
import { useDraftPreview } from '../boletos/draft/useDraftPreview';
import {
  CHARGES_FIELDS,
  chargesValues,
  EMPTY_CHARGES,
  type ChargesField,
  type ChargesValues,
  type FieldFeedback,
} from '../charges/ChargesFields';

const CHARGES_PATHS = new Set(CHARGES_FIELDS.map(chargesPath));

export interface ImportCharges {
  /** False: the account's charges (the import sends null). */
  custom: boolean;
  setCustom: (custom: boolean) => void;
  values: ChargesValues;
  setValue: <K extends Exclude<keyof ChargesValues, 'messages'>>(key: K, value: ChargesValues[K]) => void;
  setMessage: (index: number, text: string) => void;
  feedback: (field: ChargesField) => FieldFeedback;
  /** What the import sends: null for the account's. */
  dto: ParametersDTO | null;
  /** The problems that stop the import (custom charges only). */
  blocking: string[];
  /**
   * Checks the custom charges now (parsing and the backend's rules): the problems that stop the
   * import, none for the account's charges.
   */
  check: () => Promise<string[]>;
}

/**
 * The charges of an import: the account's (from newDraft) unless the user changes them for this
 * import. Changed charges are parsed as the "Novo boleto" form does, and checked by the backend
 * (previewDraft over the account's empty draft with these charges: only their problems count).
 */
export function useImportCharges(base: DraftInput | null): ImportCharges {
  const [custom, setCustomState] = useState(false);
  const [values, setValues] = useState<ChargesValues | null>(null);
  const current = useMemo(() => values ?? chargesValues(base?.charges ?? EMPTY_CHARGES), [values, base]);

  const { input, problems } = useMemo<{ input: DraftInput | null; problems: Record<string, string> }>(
    () => (base ? toDraftInput({ ...draftValues(base), charges: current }) : { input: null, problems: {} }),
    [base, current],
  );
  const preview = useDraftPreview(custom && input ? input : null);

  const setCustom = useCallback(
    (on: boolean) => {
      setCustomState(on);
      // Back to the account's: the next change starts again from them.
      if (!on) setValues(null);
    },
    [],
  );

  const feedback = (field: ChargesField): FieldFeedback => {
    if (!custom) return {};
    const path = chargesPath(field);
    if (problems[path]) return { error: problems[path] };
    const mine = (preview.preview?.problems ?? []).filter((p) => p.field === path);
    const join = (list: string[]) => (list.length > 0 ? [...new Set(list)].join(' ') : undefined);
    return {
      error: join(mine.filter((p) => !p.warning).map((p) => p.message)),
      warning: join(mine.filter((p) => p.warning).map((p) => p.message)),
    };
  };

  const blocking = custom
    ? [
        ...Object.entries(problems)
          .filter(([path]) => CHARGES_PATHS.has(path))
          .map(([, message]) => message),
        ...(preview.pending
          ? []
          : (preview.preview?.problems ?? []).filter((p) => !p.warning && CHARGES_PATHS.has(p.field)).map((p) => p.message)),
      ]
    : [];

  return {
    custom,
    setCustom,
    values: current,
    setValue: (key, value) => setValues({ ...current, [key]: value }),
    setMessage: (index, text) => {
      const messages = [...current.messages];
      messages[index] = text;
      setValues({ ...current, messages });
    },
    feedback,
    dto: custom && input ? input.charges : null,
    blocking,
    check: async () => {
      if (!custom || !input) return [];
      const local = Object.entries(problems)
        .filter(([path]) => CHARGES_PATHS.has(path))
        .map(([, message]) => message);
      if (local.length > 0) return local;
      const answer = await previewDraft(input);
      return (answer.problems ?? []).filter((p) => !p.warning && CHARGES_PATHS.has(p.field)).map((p) => p.message);
    },
  };
}
