import { Alert, Button, Grid, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { asBackendError, type BackendError, type PayerInput, type PayerView } from '../../lib/backend';
import { maskCEP, maskDDD, maskDocument, maskPhone } from '../../lib/masks';
import { EMPTY_PARTY } from '../../lib/party';
import { UF_OPTIONS } from '../../lib/ufs';

export const EMPTY_PAYER: PayerInput = EMPTY_PARTY;

/** The form values of a saved payer, masked as the user would have typed them. */
export function payerToInput(p: PayerView): PayerInput {
  return {
    document: p.documentFormatted || maskDocument(p.document),
    name: p.name,
    address: p.address,
    number: p.number,
    complement: p.complement,
    district: p.district,
    city: p.city,
    uf: p.uf,
    cep: p.cepFormatted || maskCEP(p.cep),
    email: p.email,
    ddd: p.ddd,
    phone: maskPhone(p.phone),
  };
}

type Field = keyof PayerInput;

/** How each field turns what was typed into what is shown. */
const MASKS: Partial<Record<Field, (text: string) => string>> = {
  document: maskDocument,
  cep: maskCEP,
  ddd: maskDDD,
  phone: maskPhone,
};

const UF_CHOICES = [{ value: '', label: 'Selecione' }, ...UF_OPTIONS];

const UNEXPECTED = 'Não foi possível salvar o pagador. Tente de novo.';

interface PayerFormProps {
  initial: PayerInput;
  /** Sends the values to the backend; rejects with a BackendError when they are refused. */
  save: (input: PayerInput) => Promise<PayerView>;
  onSaved: (payer: PayerView) => void;
  onCancel: () => void;
}

/**
 * The payer form: masks while typing, and the backend's verdict beside each field. A field's
 * message goes away as soon as the user changes that field.
 */
export function PayerForm({ initial, save, onSaved, onCancel }: PayerFormProps) {
  const [values, setValues] = useState<PayerInput>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);
  const [changedSinceError, setChangedSinceError] = useState<ReadonlySet<Field>>(new Set());

  const set = (field: Field) => (text: string) => {
    const mask = MASKS[field];
    setValues((v) => ({ ...v, [field]: mask ? mask(text) : text }));
    if (error) setChangedSinceError((s) => new Set(s).add(field));
  };

  const fieldError = (field: Field): string | undefined => {
    if (!error || changedSinceError.has(field)) return undefined;
    const messages = error.fieldMessages(field);
    return messages.length > 0 ? messages.join(' ') : undefined;
  };

  const text = (field: Field) => ({
    value: values[field],
    onChange: (event: { currentTarget: { value: string } }) => set(field)(event.currentTarget.value),
    error: fieldError(field),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    setChangedSinceError(new Set());
    try {
      const saved = await save(values);
      onSaved(saved);
    } catch (err) {
      setError(asBackendError(err, UNEXPECTED));
      setSaving(false);
    }
  };


  return (
    <form onSubmit={submit} noValidate aria-label="Dados do pagador">
      <Stack gap="sm">
        {error && (
          <Alert
            color="red"
            variant="light"
            title={error.code === 'invalid_input' || error.code === 'conflict' ? 'Confira os dados' : 'Não foi possível salvar'}
            icon={<IconAlertCircle aria-hidden="true" />}
          >
            {error.message}
          </Alert>
        )}
        <TextInput
          label="CPF ou CNPJ"
          description="CPF com 11 números ou CNPJ com 14 caracteres (o CNPJ novo pode ter letras)."
          withAsterisk
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          {...text('document')}
        />
        <TextInput label="Nome ou razão social" withAsterisk autoComplete="off" {...text('name')} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="CEP" placeholder="00000-000" withAsterisk inputMode="numeric" autoComplete="off" {...text('cep')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput label="Endereço" placeholder="Rua, avenida, praça…" withAsterisk autoComplete="off" {...text('address')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <TextInput label="Número" placeholder="ou S/N" autoComplete="off" {...text('number')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Complemento" autoComplete="off" {...text('complement')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput label="Bairro" autoComplete="off" {...text('district')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <TextInput label="Cidade" withAsterisk autoComplete="off" {...text('city')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <NativeSelect
              label="UF"
              withAsterisk
              data={UF_CHOICES}
              value={values.uf}
              onChange={(event) => set('uf')(event.currentTarget.value)}
              error={fieldError('uf')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label="E-mail"
              type="email"
              placeholder="nome@empresa.com.br"
              autoComplete="off"
              spellCheck={false}
              {...text('email')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, sm: 3 }}>
            <TextInput label="DDD" placeholder="11" inputMode="numeric" autoComplete="off" {...text('ddd')} />
          </Grid.Col>
          <Grid.Col span={{ base: 8, sm: 9 }}>
            <TextInput label="Telefone" placeholder="00000-0000" inputMode="numeric" autoComplete="off" {...text('phone')} />
          </Grid.Col>
        </Grid>
        <Group gap="sm" mt="sm">
          <Button type="submit" loading={saving}>
            Salvar
          </Button>
          <Button type="button" variant="default" onClick={onCancel} disabled={saving}>
            Cancelar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
