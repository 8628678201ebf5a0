import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig, type Principal } from '@dd/engine';
import type { Request, Response } from 'express';
import { CurrentPrincipal, LOCAL_PRINCIPAL, Public } from '../http/principal';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';
import { AppendsNothing } from '../http/read-only-replica.guard';
import { BrowserSessions } from './browser-sessions';
import { clearedSessionCookie, sessionCookie, sessionIdOf } from './session-cookie';
import { SessionRequest, type SessionPrincipal } from './session.document';

/**
 * The console's sign-in: an API key posted once becomes a session cookie, so the browser keeps no
 * key (not in a URL, not in storage a script reads). The session acts as the key's principal, with
 * its role, exactly as the key would.
 */
@Controller('session')
export class SessionController {
  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly sessions: BrowserSessions,
  ) {}

  @Post()
  @Public()
  @AppendsNothing()
  @HttpCode(200)
  signIn(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): SessionPrincipal {
    const parsed = SessionRequest.safeParse(body ?? {});
    if (!parsed.success) throw invalidRequest(fieldProblems(parsed.error));
    // Without API keys there is nobody to tell apart: whoever is on loopback is "local" (principal.ts).
    if (this.config.apiKeys.size === 0) return answer(LOCAL_PRINCIPAL, false);
    const principal = this.config.apiKeys.get(parsed.data.apiKey);
    if (!principal) throw new Problem(401, 'Unauthorized', 'unknown API key');
    const earlier = sessionIdOf(request);
    if (earlier) this.sessions.close(earlier);
    response.setHeader('Set-Cookie', sessionCookie(this.sessions.open(principal), request.secure));
    response.setHeader('Cache-Control', 'no-store');
    return answer(principal, true);
  }

  /** Who this browser (or key) is: 401 when nobody is signed in. */
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): SessionPrincipal {
    response.setHeader('Cache-Control', 'no-store');
    return answer(principal, this.config.apiKeys.size > 0);
  }

  @Delete()
  @Public()
  @AppendsNothing()
  @HttpCode(204)
  signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    const id = sessionIdOf(request);
    if (id) this.sessions.close(id);
    response.setHeader('Set-Cookie', clearedSessionCookie(request.secure));
  }
}

const answer = ({ name, role }: Principal, signedIn: boolean): SessionPrincipal => ({ name, role, signedIn });
