#!/usr/bin/env python3
"""openrosa_server.py - a local stand-in for ODK Central's submission API.

Python 3 standard library only; listens on 127.0.0.1 on a free port.

  openrosa_server.py --dir DIR [--port-file F] [--user U --password P]
                     [--token T] [--fault MODE] [--every N] [--prob P]
                     [--seed S] [--slow SECONDS] [--cert PEM --key PEM]
                     [--wire FILE] [--versions V,...]
                     [--forms FDIR [--corrupt NAME]]

Paths: {anything}/submission, and /v1/key/TOKEN/... (app user).  Auth is
required: Basic U:P, or the token in the path.  Like Central (v2026.2.2):
  HEAD  -> 204 + X-OpenRosa-Version, X-OpenRosa-Accept-Content-Length
  POST  multipart, part xml_submission_file -> 201 OpenRosaResponse
        identical resend -> 201; same instanceID, other XML -> 409
        with --versions: a form version not listed -> 404 (Central's
        formVersionNotFound); messages escaped as Central's templates
        escape them (' as &#39;, / as &#x2F;)
  missing/other X-OpenRosa-Version -> 400 (before auth); no creds -> 401
Received instances are kept as DIR/<instanceID with ':' -> '_'>.xml, and
each accepted POST appends a line to DIR/log.

Forms (--forms FDIR), as Central serves them to app users: each FDIR/ID.xml
is a published form (its current version), with its media files in FDIR/ID/.
  GET {base}/formList -> <xforms> with formID, name, version, hash (md5),
      downloadUrl, and manifestUrl when the form has media
  GET {base}/forms/ID.xml, {base}/forms/ID/manifest (<manifest> of
      mediaFile: filename, hash, downloadUrl), {base}/forms/ID/attachments/F
--corrupt NAME serves the file NAME (ID.xml or a media file) with one
byte changed, under the hash of the right bytes.  Each GET of a form or
media file appends "get NAME" to DIR/log.

Fault modes (--fault), applied to every Nth request (--every) or with
probability --prob (default: every request): 500, hang (never answers),
reset (closes the connection without answering), slow (answers after
--slow seconds; each such request first appends "METHOD PATH" to
DIR/inflight), 413, portal (200 text/html for everything), ctype
(201 with Content-Type text/plain and no OpenRosaResponse).  A fault of a
POST is decided before the instance is stored, except "slow".
"""
import argparse
import base64
import hashlib
import http.server
import os
import random
import re
import socket
import socketserver
import ssl
import sys
import threading
import time

OK_BODY = (b'<OpenRosaResponse xmlns="http://openrosa.org/http/response" '
           b'items="0"><message nature="">full submission upload was '
           b'successful!</message></OpenRosaResponse>')


# Central renders messages with mustache, which escapes these.
ESCAPES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
           "'": '&#39;', '/': '&#x2F;', '`': '&#x60;', '=': '&#x3D;'}


def problem(msg):
    msg = ''.join(ESCAPES.get(ch, ch) for ch in msg)
    return ('<OpenRosaResponse xmlns="http://openrosa.org/http/response" '
            'items="0"><message nature="error">%s</message>'
            '</OpenRosaResponse>' % msg).encode()


def form_info(xml):
    """formID, name, version of an XForm's bytes."""
    inst = re.search(rb'<instance>\s*<([A-Za-z_][\w.-]*)([^>]*)>', xml)
    attrs = inst.group(2) if inst else b''
    fid = re.search(rb'\sid="([^"]*)"', attrs)
    ver = re.search(rb'\sversion="([^"]*)"', attrs)
    title = re.search(rb'<h:title>([^<]*)</h:title>', xml)
    return (fid.group(1).decode() if fid else '',
            title.group(1).decode() if title else '',
            ver.group(1).decode() if ver else '')


def form_version(xml):
    m = re.search(rb'<[^?!][^>]*?\sversion="([^"]*)"', xml)
    return m.group(1).decode() if m else ''


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.count = 0
        self.rng = random.Random(args.seed)

    def fault(self):
        a = self.args
        if not a.fault:
            return None
        with self.lock:
            self.count += 1
            n = self.count
            if a.every:
                return a.fault if n % a.every == 0 else None
            if a.prob is not None:
                return a.fault if self.rng.random() < a.prob else None
        return a.fault


def instance_id(xml):
    m = re.search(rb'<(?:\w+:)?instanceID>([^<]*)</(?:\w+:)?instanceID>', xml)
    return m.group(1).decode() if m else None


def multipart_part(body, ctype, name):
    m = re.search(r'boundary="?([^";]+)"?', ctype or '')
    if not m:
        return None
    b = b'--' + m.group(1).encode()
    for part in body.split(b):
        head, sep, data = part.partition(b'\r\n\r\n')
        if not sep:
            continue
        if re.search(rb'name="' + re.escape(name.encode()) + rb'"', head):
            if data.endswith(b'\r\n'):
                data = data[:-2]
            return data
    return None


class Counted:
    """A file of the connection that counts the bytes through it."""

    def __init__(self, f):
        self.f = f
        self.n = 0

    def read(self, *a):
        d = self.f.read(*a)
        self.n += len(d)
        return d

    def readline(self, *a):
        d = self.f.readline(*a)
        self.n += len(d)
        return d

    def write(self, b):
        self.n += len(b)
        return self.f.write(b)

    def __getattr__(self, name):
        return getattr(self.f, name)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'openrosa-fixture/1'
    # Headers and body go out in two writes: without TCP_NODELAY every
    # answer would wait for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        if self.server.state.args.wire:
            self.rfile = Counted(self.rfile)
            self.wfile = Counted(self.wfile)

    def finish(self):
        try:
            super().finish()
        finally:
            a = self.server.state.args
            if a.wire and isinstance(self.rfile, Counted):
                with self.server.state.lock, open(a.wire, 'a') as fh:
                    fh.write('%d %d\n' % (self.rfile.n, self.wfile.n))

    def log_message(self, fmt, *args):
        if self.server.state.args.verbose:
            sys.stderr.write(fmt % args + '\n')

    def send(self, code, body=b'', ctype='text/xml; charset=utf-8'):
        self.send_response(code)
        self.send_header('X-OpenRosa-Version', '1.0')
        self.send_header('X-OpenRosa-Accept-Content-Length', '100000000')
        if body or code != 204:
            self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)

    def read_body(self):
        n = int(self.headers.get('Content-Length') or 0)
        if n:
            return self.rfile.read(n)
        if 'chunked' in (self.headers.get('Transfer-Encoding') or ''):
            out = b''
            while True:
                size = int(self.rfile.readline().strip().split(b';')[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        return b''

    def authed(self):
        a = self.server.state.args
        m = re.match(r'/v1/key/([^/]+)/', self.path)
        if m:
            return a.token is not None and m.group(1) == a.token
        h = self.headers.get('Authorization') or ''
        if h.startswith('Basic '):
            try:
                u, _, p = base64.b64decode(h[6:]).decode().partition(':')
            except Exception:
                return False
            return u == a.user and p == a.password
        return False

    def common(self):
        """None to go on, or True when answered/faulted."""
        if self.headers.get('Expect', '').lower() == '100-continue':
            self.send_response_only(100)
            self.end_headers()
        f = self.server.state.fault()
        if f == 'hang':
            time.sleep(3600)
            return True
        if f == 'reset':
            self.close_connection = True
            try:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           b'\x01\x00\x00\x00\x00\x00\x00\x00')
            except OSError:
                pass
            self.connection.close()
            return True
        if f == 'portal':
            self.read_body() if self.command == 'POST' else None
            self.send(200, b'<html><body>Please log in to the Wi-Fi</body>'
                      b'</html>', 'text/html')
            return True
        if f == 'slow':
            # DIR/inflight: one line per slowed request as it starts to
            # wait, so a test can act while a POST is in flight.
            with open(os.path.join(self.server.state.args.dir, 'inflight'),
                      'a') as fh:
                fh.write('%s %s\n' % (self.command, self.path))
            time.sleep(self.server.state.args.slow)
        if f == '500':
            self.read_body() if self.command == 'POST' else None
            self.send(500, problem('internal server error'))
            return True
        if f == '413':
            self.close_connection = True
            self.send(413, b'<html>413 Request Entity Too Large</html>',
                      'text/html')
            return True
        self.fault_mode = f
        if not self.path.rstrip('/').endswith('/submission') and not (
                self.command == 'GET' and self.forms_path() is not None):
            self.read_body() if self.command == 'POST' else None
            self.send(404, problem('Could not find the resource you were '
                                   'looking for.'))
            return True
        if self.headers.get('X-OpenRosa-Version') != '1.0':
            self.read_body() if self.command == 'POST' else None
            self.send(400, problem('Missing or wrong X-OpenRosa-Version'))
            return True
        if not self.authed():
            self.read_body() if self.command == 'POST' else None
            self.send(401, problem('Could not authenticate with the '
                                   'provided credentials.'))
            return True
        return None

    def do_HEAD(self):
        if self.common():
            return
        self.send(204)

    def forms_path(self):
        """(base, what, ID, NAME) of a forms GET, or None."""
        if not self.server.state.args.forms:
            return None
        m = re.match(r'(.*)/formList$', self.path)
        if m:
            return (m.group(1), 'list', None, None)
        m = re.match(r'(.*)/forms/([^/]+)\.xml$', self.path)
        if m:
            return (m.group(1), 'form', m.group(2), None)
        m = re.match(r'(.*)/forms/([^/]+)/manifest$', self.path)
        if m:
            return (m.group(1), 'manifest', m.group(2), None)
        m = re.match(r'(.*)/forms/([^/]+)/attachments/([^/]+)$', self.path)
        if m:
            return (m.group(1), 'media', m.group(2), m.group(3))
        return None

    def file_bytes(self, path, name):
        with open(path, 'rb') as fh:
            data = fh.read()
        a = self.server.state.args
        with self.server.state.lock, open(os.path.join(a.dir, 'log'), 'a') as fh:
            fh.write('get %s\n' % name)
        if a.corrupt == name and data:
            data = bytes([data[0] ^ 1]) + data[1:]
        return data

    def do_GET(self):
        if self.common():
            return
        base, what, fid, name = self.forms_path()
        fdir = self.server.state.args.forms
        url = 'http://%s%s' % (self.headers.get('Host'), base)
        md5 = lambda p: hashlib.md5(open(p, 'rb').read()).hexdigest()
        if what == 'list':
            out = ['<?xml version="1.0" encoding="UTF-8"?>',
                   '<xforms xmlns="http://openrosa.org/xforms/xformsList">']
            for fn in sorted(os.listdir(fdir)):
                if not fn.endswith('.xml'):
                    continue
                path = os.path.join(fdir, fn)
                fid2, title, ver = form_info(open(path, 'rb').read())
                out.append('<xform><formID>%s</formID><name>%s</name>'
                           '<version>%s</version><hash>md5:%s</hash>'
                           '<downloadUrl>%s/forms/%s.xml</downloadUrl>'
                           % (fid2, title, ver, md5(path), url, fid2))
                if os.path.isdir(os.path.join(fdir, fn[:-4])):
                    out.append('<manifestUrl>%s/forms/%s/manifest'
                               '</manifestUrl>' % (url, fid2))
                out.append('</xform>')
            out.append('</xforms>')
            self.send(200, '\n'.join(out).encode())
            return
        path = os.path.join(fdir, fid + '.xml')
        mdir = os.path.join(fdir, fid)
        if not os.path.exists(path):
            self.send(404, problem('Could not find the resource you were '
                                   'looking for.'))
        elif what == 'form':
            self.send(200, self.file_bytes(path, fid + '.xml'))
        elif what == 'manifest':
            out = ['<?xml version="1.0" encoding="UTF-8"?>',
                   '<manifest xmlns="http://openrosa.org/xforms/'
                   'xformsManifest">']
            for fn in sorted(os.listdir(mdir) if os.path.isdir(mdir) else []):
                out.append('<mediaFile><filename>%s</filename><hash>md5:%s'
                           '</hash><downloadUrl>%s/forms/%s/attachments/%s'
                           '</downloadUrl></mediaFile>'
                           % (fn, md5(os.path.join(mdir, fn)), url, fid, fn))
            out.append('</manifest>')
            self.send(200, '\n'.join(out).encode())
        elif os.path.isfile(os.path.join(mdir, name)):
            self.send(200, self.file_bytes(os.path.join(mdir, name), name),
                      'application/octet-stream')
        else:
            self.send(404, problem('Could not find the resource you were '
                                   'looking for.'))

    def do_POST(self):
        if self.common():
            return
        body = self.read_body()
        xml = multipart_part(body, self.headers.get('Content-Type'),
                             'xml_submission_file')
        if xml is None:
            self.send(400, problem('Required multipart POST field '
                                   'xml_submission_file missing.'))
            return
        st = self.server.state
        if st.args.versions is not None:
            v = form_version(xml)
            if v not in st.args.versions.split(','):
                self.send(404, problem('The form version specified in this '
                                       "submission '%s' does not exist." % v))
                return
        iid = instance_id(xml)
        with st.lock:
            if iid is None:
                iid = 'uuid:generated-%d-%d' % (os.getpid(), time.time_ns())
            path = os.path.join(st.args.dir,
                                re.sub(r'[^A-Za-z0-9._-]', '_', iid) + '.xml')
            if os.path.exists(path):
                with open(path, 'rb') as fh:
                    if fh.read() != xml:
                        self.send(409, problem('A submission already exists '
                                               'with this ID, but with '
                                               'different XML.'))
                        return
                how = 'resend'
            else:
                tmp = path + '.tmp'
                with open(tmp, 'wb') as fh:
                    fh.write(xml)
                os.replace(tmp, path)
                how = 'new'
            with open(os.path.join(st.args.dir, 'log'), 'a') as fh:
                fh.write('%s %s\n' % (how, iid))
        if getattr(self, 'fault_mode', None) == 'ctype':
            self.send(201, b'ok', 'text/plain')
            return
        self.send(201, OK_BODY)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client killed mid-request (kill -9 tests) is no server error.
        if self.state.args.verbose:
            super().handle_error(request, client_address)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--dir', required=True)
    p.add_argument('--port-file')
    p.add_argument('--user', default='field@example.org')
    p.add_argument('--password', default='secret')
    p.add_argument('--token')
    p.add_argument('--fault', choices=['500', 'hang', 'reset', 'slow', '413',
                                        'portal', 'ctype'])
    p.add_argument('--every', type=int)
    p.add_argument('--prob', type=float)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--slow', type=float, default=2.0)
    p.add_argument('--verbose', action='store_true')
    p.add_argument('--wire', help='append "received sent" HTTP bytes of '
                   'each connection to this file when it closes')
    p.add_argument('--versions', help='form versions held (comma-separated); '
                   'others are answered 404 as Central answers them')
    p.add_argument('--forms', help='published forms: FDIR/ID.xml, media in '
                   'FDIR/ID/')
    p.add_argument('--corrupt', help='serve this form or media file with '
                   'one byte changed')
    p.add_argument('--cert', help='PEM certificate chain: serve HTTPS')
    p.add_argument('--key', help='PEM private key of --cert')
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    srv = Server(('127.0.0.1', 0), Handler)
    srv.state = State(a)
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.cert, a.key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    port = srv.server_address[1]
    if a.port_file:
        tmp = a.port_file + '.tmp'
        with open(tmp, 'w') as fh:
            fh.write('%d\n' % port)
        os.replace(tmp, a.port_file)
    else:
        print(port, flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
