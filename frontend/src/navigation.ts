import {
  IconBarcode,
  IconBuildingBank,
  IconCalendarRepeat,
  IconChartBar,
  IconFileImport,
  IconFileInvoice,
  IconFilePlus,
  IconLayoutDashboard,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export interface NavEntry {
  label: string;
  path: string;
  icon: Icon;
}

export interface NavGroup {
  label: string;
  entries: NavEntry[];
}

/** The navbar, in order. Labels double as page titles. */
export const mainNavigation: NavEntry[] = [
  { label: 'Painel', path: '/', icon: IconLayoutDashboard },
  { label: 'Boletos', path: '/boletos', icon: IconFileInvoice },
  { label: 'Novo boleto', path: '/boletos/novo', icon: IconFilePlus },
  { label: 'Importar documentos', path: '/importar', icon: IconFileImport },
  { label: 'Contratos', path: '/contratos', icon: IconCalendarRepeat },
  { label: 'Relatórios', path: '/relatorios', icon: IconChartBar },
  { label: 'Pagadores', path: '/pagadores', icon: IconUsers },
  { label: 'Contas bancárias', path: '/contas', icon: IconBuildingBank },
  { label: 'Configurações', path: '/configuracoes', icon: IconSettings },
];

export const navigationGroups: NavGroup[] = [
  {
    label: 'Ferramentas',
    entries: [
      { label: 'Validar código de barras', path: '/ferramentas/codigo-de-barras', icon: IconBarcode },
    ],
  },
];
