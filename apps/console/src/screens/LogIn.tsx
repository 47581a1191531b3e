import { Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { session } from '../api';
import { LogInDocument } from '../generated/graphql';
import { ErrorMessage } from '../Page';

export function LogIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const logIn = useMutation({
    mutationFn: () => session.request(LogInDocument, { input: { email, password } }),
    onSuccess: ({ logIn }) => session.store(logIn),
  });
  useEffect(() => {
    document.title = '로그인 · 두레 콘솔';
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    logIn.mutate();
  };
  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              두레 콘솔 로그인
            </Title>
            <TextInput label="이메일" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <PasswordInput label="비밀번호" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <ErrorMessage error={logIn.error} />
            <Button type="submit" loading={logIn.isPending}>
              로그인
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
