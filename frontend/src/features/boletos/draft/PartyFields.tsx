import { Grid, NativeSelect, TextInput } from '@mantine/core';
import type { PartyDTO } from '../../../lib/backend';
import { maskCEP, maskDDD, maskDocument, maskPhone } from '../../../lib/masks';
import { UF_OPTIONS } from '../../../lib/ufs';
import { feedbackProps, type FieldFeedback } from '../../charges/ChargesFields';
import { partyPath, type PartyKey, type PartyPrefix } from './draftValues';

/** How each field turns what was typed into what is shown. */
const MASKS: Partial<Record<PartyKey, (text: string) => string>> = {
  document: maskDocument,
  cep: maskCEP,
  ddd: maskDDD,
  phone: maskPhone,
};

const UF_CHOICES = [{ value: '', label: 'Selecione' }, ...UF_OPTIONS];

interface PartyFieldsProps {
  prefix: PartyPrefix;
  values: PartyDTO;
  onChange: (key: PartyKey, value: string) => void;
  /** The problems to show beside the field at this path ("pagador.cep"). */
  feedback: (path: string) => FieldFeedback;
  /**
   * The payer has every field; the beneficiário final (sacador/avalista) only those the bank
   * takes for it: document, name and address.
   */
  full: boolean;
}

/** The fields of a payer or of a beneficiário final, masked as they are typed. */
export function PartyFields({ prefix, values, onChange, feedback, full }: PartyFieldsProps) {
  const text = (key: PartyKey) => {
    const path = partyPath(prefix, key);
    const mask = MASKS[key];
    return {
      value: values[key],
      onChange: (event: { currentTarget: { value: string } }) => {
        const typed = event.currentTarget.value;
        onChange(key, mask ? mask(typed) : typed);
      },
      ...feedbackProps(feedback(path)),
      'data-path': path,
      autoComplete: 'off',
    };
  };

  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <TextInput
          label="CPF ou CNPJ"
          withAsterisk
          spellCheck={false}
          {...text('document')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput label="Nome ou razão social" withAsterisk {...text('name')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label="CEP" placeholder="00000-000" withAsterisk inputMode="numeric" {...text('cep')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <TextInput label="Endereço" placeholder="Rua, avenida, praça…" withAsterisk {...text('address')} />
      </Grid.Col>
      {full && (
        <>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <TextInput label="Número" placeholder="ou S/N" {...text('number')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Complemento" {...text('complement')} />
          </Grid.Col>
        </>
      )}
      <Grid.Col span={{ base: 12, sm: full ? 5 : 12 }}>
        <TextInput label="Bairro" {...text('district')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput label="Cidade" withAsterisk {...text('city')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <NativeSelect
          label="UF"
          withAsterisk
          data={UF_CHOICES}
          value={values.uf}
          onChange={(event) => onChange('uf', event.currentTarget.value)}
          {...feedbackProps(feedback(partyPath(prefix, 'uf')))}
          data-path={partyPath(prefix, 'uf')}
        />
      </Grid.Col>
      {full && (
        <>
          <Grid.Col span={12}>
            <TextInput
              label="E-mail"
              type="email"
              placeholder="nome@empresa.com.br"
              spellCheck={false}
              {...text('email')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, sm: 3 }}>
            <TextInput label="DDD" placeholder="11" inputMode="numeric" {...text('ddd')} />
          </Grid.Col>
          <Grid.Col span={{ base: 8, sm: 9 }}>
            <TextInput label="Telefone" placeholder="00000-0000" inputMode="numeric" {...text('phone')} />
          </Grid.Col>
        </>
      )}
    </Grid>
  );
}
