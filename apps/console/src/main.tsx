import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { App } from './App';

const theme = createTheme({
  fontFamily: "'Pretendard', 'Noto Sans KR', 'NanumGothic', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif",
  // Mantine's teal made darker at the top, so white on the filled and hover shades passes 4.5:1.
  colors: { dure: ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#12b886', '#0b7a5c', '#086b51', '#065c46'] },
  primaryColor: 'dure',
  // Darker shades than the default, and dark text on light fills, so text keeps a 4.5:1 contrast (WCAG AA).
  primaryShade: 9,
  autoContrast: true,
  // Who asks their system for less motion gets dialogs and menus without animation (WCAG 2.3.3).
  respectReducedMotion: true,
});

// Mantine's dimmed grey (descriptions, captions) and error red (a field's error) read at 3.3:1 on white;
// darker shades pass 4.5:1.
const contrastingColors: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

// A failed request is shown at once rather than retried: the person decides what to do next.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrastingColors}>
      <QueryClientProvider client={queryClient}>
        <Router base="/console">
          <App />
        </Router>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
