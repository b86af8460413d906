import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { asBackendError, previewDraft, type BackendError, type DraftInput, type DraftPreview } from '../../../lib/backend';

/** How long typing must pause before the form is checked again. */
export const PREVIEW_DEBOUNCE_MS = 300;

export interface PreviewState {
  /** The last answer; null before the first one. */
  preview: DraftPreview | null;
  /** True while the form differs from what `preview` checked. */
  pending: boolean;
  /** Why the last check failed; the form still works without it. */
  error: BackendError | null;
}

/** The preview with empty lists where the backend sent none. */
export function normalizePreview(p: DraftPreview): DraftPreview {
  return { problems: p.problems ?? [], amountDue: p.amountDue ?? [], instructions: p.instructions ?? [] };
}

/**
 * Checks the form with previewDraft once typing pauses (nothing is saved). A slower answer to
 * an older form never replaces a newer one. `input` null: nothing to check.
 */
export function useDraftPreview(input: DraftInput | null): PreviewState {
  const key = input ? JSON.stringify(input) : '';
  const [debounced] = useDebouncedValue(key, PREVIEW_DEBOUNCE_MS);
  const [state, setState] = useState<{ preview: DraftPreview | null; key: string; error: BackendError | null }>({
    preview: null,
    key: '',
    error: null,
  });

  useEffect(() => {
    if (debounced === '') return;
    let current = true;
    previewDraft(JSON.parse(debounced) as DraftInput).then(
      (preview) => {
        if (current) setState({ preview: normalizePreview(preview), key: debounced, error: null });
      },
      (err: unknown) => {
        if (!current) return;
        setState((s) => ({
          ...s,
          key: debounced,
          error: asBackendError(err, 'Não foi possível conferir o boleto agora.'),
        }));
      },
    );
    return () => {
      current = false;
    };
  }, [debounced]);

  return { preview: state.preview, pending: key !== state.key, error: state.error };
}
