import { List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconX } from '@tabler/icons-react';
import type { FieldProblemDTO } from '../../lib/backend';
import { fieldSection } from './fields';

/** Problems of a boleto, each with the part it concerns; warnings marked apart from errors. */
export function ProblemList({ problems, label }: { problems: FieldProblemDTO[]; label: string }) {
  return (
    <List spacing={6} aria-label={label} listStyleType="none">
      {problems.map((p, i) => {
        const section = fieldSection(p.field);
        return (
          <List.Item
            key={`${p.field}-${i}`}
            icon={
              <ThemeIcon size={20} radius="xl" variant="light" color={p.warning ? 'yellow' : 'red'}>
                {p.warning ? <IconAlertTriangle size={13} aria-hidden="true" /> : <IconX size={13} aria-hidden="true" />}
              </ThemeIcon>
            }
          >
            <Text size="sm" span>
              {section && <strong>{section}: </strong>}
              {p.message}
              {p.warning && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  (aviso: não impede a emissão)
                </Text>
              )}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}
