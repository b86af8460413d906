import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { CertificateCard, daysLeftText } from './CertificateCard';
import { expiredCertificate, expiringCertificate, okCertificate } from './testFixtures';

function valueOf(container: HTMLElement, label: string): string {
  const dd = within(container).getByText(label, { selector: 'dt' }).nextElementSibling;
  return dd?.textContent ?? '';
}

function renderCard(certificate = okCertificate) {
  renderPage(<CertificateCard certificate={certificate} title="Certificado escolhido" />);
  return screen.getByRole('region', { name: 'Certificado escolhido' });
}

describe('CertificateCard', () => {
  it('shows subject, issuer, serial, dates in DD/MM/YYYY and the days left of a valid certificate', () => {
    const card = renderCard();
    expect(valueOf(card, 'Titular')).toBe('CN=12345678000195, O=Padaria Pão Quente Ltda');
    expect(valueOf(card, 'Emitido por')).toBe('CN=Banco Inter API CA');
    expect(valueOf(card, 'Número de série')).toBe('4F:1A:22:9C');
    expect(valueOf(card, 'Válido a partir de')).toBe('01/08/2025');
    expect(valueOf(card, 'Válido até')).toBe('01/08/2026');
    expect(valueOf(card, 'Prazo')).toBe('Faltam 245 dias');
    expect(within(card).getByText('Válido')).toBeInTheDocument();
    expect(within(card).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('warns in orange 30 days or less before expiry, with the renewal path', () => {
    const card = renderCard(expiringCertificate);
    expect(valueOf(card, 'Prazo')).toBe('Faltam 12 dias');
    expect(within(card).getByText('Vence em breve')).toBeInTheDocument();
    const alert = within(card).getByRole('alert');
    expect(alert).toHaveTextContent('O certificado vence em breve');
    expect(alert).toHaveTextContent('O certificado da integração vence em 12 dias, em 20/12/2025.');
    expect(alert).toHaveTextContent('crie uma nova integração');
    // The backend's message carries the renewal path: not repeated.
    expect(alert).not.toHaveTextContent('Os certificados do Banco Inter valem um ano');
    expect(card).toHaveAttribute('data-status', 'expiring');
  });

  it('refuses an expired certificate in red and tells how to renew it', () => {
    const card = renderCard(expiredCertificate);
    expect(valueOf(card, 'Válido até')).toBe('30/11/2025');
    expect(valueOf(card, 'Prazo')).toBe('Venceu há 8 dias');
    expect(within(card).getByText('Vencido')).toBeInTheDocument();
    const alert = within(card).getByRole('alert');
    expect(alert).toHaveTextContent('Certificado vencido: não pode ser usado');
    expect(alert).toHaveTextContent('O certificado da integração venceu em 30/11/2025.');
    expect(alert).toHaveTextContent('crie uma nova integração');
  });

  it('tells the renewal path itself when the backend sends no message', () => {
    const card = renderCard({ ...expiredCertificate, message: '' });
    const alert = within(card).getByRole('alert');
    expect(alert).toHaveTextContent('O Banco Inter recusa conexões com um certificado vencido.');
    expect(alert).toHaveTextContent('Os certificados do Banco Inter valem um ano');
  });

  it('says when a certificate is not valid yet', () => {
    const card = renderCard({ ...okCertificate, status: 'not_yet_valid', notBefore: '2030-01-02', message: '' });
    expect(valueOf(card, 'Prazo')).toBe('Ainda não começou a valer');
    expect(within(card).getByRole('alert')).toHaveTextContent('Ele só passa a valer em 02/01/2030');
  });

  it.each([
    [{ daysLeft: 2, status: 'expiring' }, 'Faltam 2 dias'],
    [{ daysLeft: 1, status: 'expiring' }, 'Falta 1 dia'],
    [{ daysLeft: 0, status: 'expiring' }, 'Vence hoje'],
    [{ daysLeft: 0, status: 'expired' }, 'Venceu hoje'],
    [{ daysLeft: -1, status: 'expired' }, 'Venceu há 1 dia'],
  ])('daysLeftText(%o) is %j', (certificate, text) => {
    expect(daysLeftText(certificate)).toBe(text);
  });
});
