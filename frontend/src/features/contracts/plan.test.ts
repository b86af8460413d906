import { describe, expect, it } from 'vitest';
import { brDate, periodText as period, schedule, todayISO, type PlanDates } from './plan';
import { scheduleLines } from './SchedulePreview';

const plan = (p: Partial<PlanDates>): PlanDates => ({ day: 10, startDate: '2026-05-01', endDate: '', months: 0, ...p });
const dues = (p: Partial<PlanDates>, limit = 20) => schedule(plan(p), limit)?.dues.map(brDate);

describe('the calendar of a contract', () => {
  it('falls due on the day from the start on, on the last day of shorter months', () => {
    expect(dues({ day: 31, startDate: '2026-01-01' }, 4)).toEqual(['31/01/2026', '28/02/2026', '31/03/2026', '30/04/2026']);
    expect(dues({ day: 30, startDate: '2028-01-15' }, 3)).toEqual(['30/01/2028', '29/02/2028', '30/03/2028']);
  });

  it('starts in the next month when the day already passed in the start month', () => {
    expect(dues({ day: 10, startDate: '2026-05-11' }, 2)).toEqual(['10/06/2026', '10/07/2026']);
    expect(dues({ day: 10, startDate: '2026-05-10' }, 1)).toEqual(['10/05/2026']);
    expect(dues({ day: 5, startDate: '2026-12-20' }, 2)).toEqual(['05/01/2027', '05/02/2027']);
  });

  it('ends after the number of months, or on the end date, whichever comes first', () => {
    expect(schedule(plan({ months: 3 }), 20)).toMatchObject({ total: 3 });
    expect(dues({ months: 3 })).toEqual(['10/05/2026', '10/06/2026', '10/07/2026']);
    expect(dues({ endDate: '2026-07-09' })).toEqual(['10/05/2026', '10/06/2026']);
    expect(dues({ endDate: '2026-07-10', months: 12 })).toEqual(['10/05/2026', '10/06/2026', '10/07/2026']);
    expect(schedule(plan({ endDate: '2027-04-30' }), 2)).toMatchObject({ total: 12 });
    expect(schedule(plan({}), 2)).toMatchObject({ total: null });
    expect(dues({ endDate: '2026-05-09' })).toEqual([]);
  });

  it('is unknown while the day or the start is not valid', () => {
    expect(schedule(plan({ day: 0 }), 3)).toBeNull();
    expect(schedule(plan({ day: 32 }), 3)).toBeNull();
    expect(schedule(plan({ startDate: '' }), 3)).toBeNull();
    expect(schedule(plan({ startDate: '2026-02-30' }), 3)).toBeNull();
  });

  it('reads the period as the list shows it', () => {
    // Where the line may break: only after the arrow.
    expect(period({ startDate: '2026-05-01', endDate: '', months: 12 })).toBe('01/05/2026\u00a0→ 12\u00a0meses');
    const periodText = (c: Parameters<typeof period>[0]) => period(c).replace(/\u00a0/g, ' ');
    expect(periodText({ startDate: '2026-05-01', endDate: '', months: 0 })).toBe('01/05/2026 → sem fim');
    expect(periodText({ startDate: '2026-05-01', endDate: '', months: 12 })).toBe('01/05/2026 → 12 meses');
    expect(periodText({ startDate: '2026-05-01', endDate: '', months: 1 })).toBe('01/05/2026 → 1 mês');
    expect(periodText({ startDate: '2026-05-01', endDate: '2026-12-31', months: 0 })).toBe('01/05/2026 → 31/12/2026');
    expect(periodText({ startDate: '2026-01-15', endDate: '2026-12-31', months: 12 })).toBe(
      '15/01/2026 → 31/12/2026 (até 12 meses)',
    );
  });

  it('counts today in São Paulo, not in UTC', () => {
    // 02:00 UTC on 1 June is still 31 May in São Paulo (UTC−3).
    expect(todayISO(new Date('2026-06-01T02:00:00Z'))).toBe('2026-05-31');
  });
});

describe('the calendar in words', () => {
  it('says the boleto within the lead days is created on saving', () => {
    expect(scheduleLines(plan({ months: 12 }), 10, false, '2026-05-03')).toEqual([
      '12 boletos: 10/05/2026, 10/06/2026, 10/07/2026… o último em 10/04/2027.',
      'O boleto de 10/05/2026 é criado assim que você salvar; os seguintes, 10 dias antes de cada vencimento.',
      'Cada boleto fica como Rascunho em Boletos, para você conferir e emitir.',
    ]);
  });

  it('says when the first boleto will be created, and that past due dates are not billed', () => {
    expect(scheduleLines(plan({ startDate: '2026-01-01' }), 5, true, '2026-05-20')).toEqual([
      'Todo mês, sem fim: 10/01/2026, 10/02/2026, 10/03/2026…',
      'Vencimentos anteriores a hoje não geram boleto.',
      'O primeiro boleto, de vencimento 10/06/2026, é criado em 05/06/2026; cada um, 5 dias antes do seu vencimento.',
      'Cada boleto vai para o banco assim que é criado.',
    ]);
  });

  it('waits for the end when one was chosen without its date or number of months', () => {
    expect(scheduleLines(plan({}), 10, false, '2026-05-01', true)[0]).toBe(
      'Todo mês: 10/05/2026, 10/06/2026, 10/07/2026… até o término que você informar.',
    );
  });

  it('warns when the end comes before any due date', () => {
    expect(scheduleLines(plan({ endDate: '2026-05-05' }), 10, false, '2026-05-01')).toEqual([
      'Com este término não haveria nenhum boleto: o contrato termina antes do primeiro vencimento.',
    ]);
    expect(scheduleLines(plan({ months: 2 }), 10, false, '2026-09-01')).toContain(
      'Todos os vencimentos já passaram: nenhum boleto será criado.',
    );
  });
});
