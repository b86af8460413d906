import { createTheme, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import 'dayjs/locale/pt-br';
import { HashRouter, Route, Routes } from 'react-router-dom';
import { Shell } from './components/Shell';
import { AccountDetailPage, AccountParametersPage, NewAccountPage } from './features/accounts/AccountPages';
import { AccountsPage } from './pages/AccountsPage';
import { BarcodeToolPage } from './pages/BarcodeToolPage';
import { BoletoDetailPage } from './pages/BoletoDetailPage';
import { BoletosPage } from './pages/BoletosPage';
import { ContractsPage } from './pages/ContractsPage';
import { DashboardPage } from './pages/DashboardPage';
import { DocumentPage } from './pages/DocumentPage';
import { ImportPage } from './pages/ImportPage';
import { NewBoletoPage } from './pages/NewBoletoPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PayersPage } from './pages/PayersPage';
import { ReportsPage } from './pages/ReportsPage';
import { SettingsPage } from './pages/SettingsPage';

dayjs.locale('pt-br');

const theme = createTheme({
  primaryColor: 'orange',
  defaultRadius: 'md',
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      {/* In Brazil the week starts on Sunday. */}
      <DatesProvider settings={{ locale: 'pt-br', firstDayOfWeek: 0 }}>
        <ModalsProvider labels={{ confirm: 'Confirmar', cancel: 'Cancelar' }}>
          <Notifications position="top-right" />
          <HashRouter>
            <AppRoutes />
          </HashRouter>
        </ModalsProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<DashboardPage />} />
        <Route path="boletos" element={<BoletosPage />} />
        <Route path="boletos/novo" element={<NewBoletoPage />} />
        <Route path="boletos/:id" element={<BoletoDetailPage />} />
        <Route path="boletos/:id/editar" element={<NewBoletoPage />} />
        <Route path="documentos/:id" element={<DocumentPage />} />
        <Route path="importar" element={<ImportPage />} />
        <Route path="contratos" element={<ContractsPage />} />
        <Route path="pagadores" element={<PayersPage />} />
        <Route path="relatorios" element={<ReportsPage />} />
        <Route path="contas" element={<AccountsPage />} />
        <Route path="contas/nova" element={<NewAccountPage />} />
        <Route path="contas/:id" element={<AccountDetailPage />} />
        <Route path="contas/:id/parametros" element={<AccountParametersPage />} />
        <Route path="configuracoes" element={<SettingsPage />} />
        <Route path="ferramentas/codigo-de-barras" element={<BarcodeToolPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
