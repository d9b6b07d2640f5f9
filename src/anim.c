/* anim.c: animations of a run, as PNG frames or through ffmpeg.
 *
 * Each frame is the figure at one recorded point, drawn into one image
 * surface that is reused.  ffmpeg reads the raw pixels on its standard
 * input (cairo's ARGB32 is B, G, R, A in memory on a little-endian
 * machine: "bgra") and writes a temporary file beside the target; the
 * file is renamed to the target only when ffmpeg has exited with 0.  A
 * program that cannot be started is reported through a close-on-exec
 * pipe: the child writes its errno there when execvp fails. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>

#include "anim.h"
#include "export.h"

rs_anim_format
rs_anim_format_of (const char *path)
{
  const char *dot = rs_file_suffix (path);

  if (dot == NULL)
    return RS_ANIM_NONE;
  if (strcasecmp (dot, ".mp4") == 0)
    return RS_ANIM_MP4;
  if (strcasecmp (dot, ".gif") == 0)
    return RS_ANIM_GIF;
  return RS_ANIM_NONE;
}

size_t
rs_anim_points (size_t nrec, size_t max_frames, size_t *points)
{
  size_t n = nrec < max_frames ? nrec : max_frames;

  if (n == 0)
    return 0;
  if (n == 1)
    {
      points[0] = nrec - 1;
      return 1;
    }
  for (size_t k = 0; k < n; k++)
    points[k] = (size_t) ((double) k * (double) (nrec - 1) / (double) (n - 1)
                          + 0.5);
  return n;
}

size_t
rs_anim_morphs (const rs_sim *sim, const size_t *points, size_t n,
                size_t per_change, rs_anim_frame *frames, size_t max)
{
  size_t m = 0;

  for (size_t k = 0; k < n; k++)
    {
      int change = 0;

      for (size_t i = k > 0 ? points[k - 1] + 1 : 1; i <= points[k]; i++)
        change |= (rs_sim_recorded (sim, i)->events & RS_EVENT_ACT) != 0;
      for (size_t q = 0; change && q <= per_change; q++, m++)
        if (frames != NULL && m < max)
          frames[m] = (rs_anim_frame) { points[k], q == per_change ? 1.0
                                        : (double) q / (double) per_change };
      if (!change)
        {
          if (frames != NULL && m < max)
            frames[m] = (rs_anim_frame) { points[k], 1.0 };
          m++;
        }
    }
  return frames != NULL && m > max ? max : m;
}

/* Draw frame fr of fig into the image surface s, over the landscapes of
 * its point (computed again when they changed), morphing as it says;
 * NULL, or why it could not be drawn. */
static const char *
draw_frame (cairo_surface_t *s, rs_figure *fig, const rs_anim_frame *fr)
{
  static char why[600];
  cairo_t *cr;
  cairo_status_t st;
  rs_error err;

  if (rs_figure_follow (fig, fr->point, 0, &err) != RS_OK
      || rs_figure_morph (fig, fr->morph, &err) != RS_OK)
    {
      snprintf (why, sizeof why, "%s", err.message);
      return why;
    }
  cr = cairo_create (s);
  rs_figure_draw (cr, cairo_image_surface_get_width (s),
                  cairo_image_surface_get_height (s), fig);
  st = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string (st);
}

/* Remove the files of folder dir, then dir. */
static void
remove_folder (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  char path[4400];

  while (d != NULL && (e = readdir (d)) != NULL)
    {
      if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
        continue;
      snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
      unlink (path);
    }
  if (d != NULL)
    closedir (d);
  rmdir (dir);
}

/* Whether dir is a folder with nothing in it. */
static int
folder_empty (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  int empty = 1;

  if (d == NULL)
    return 0;
  while (empty && (e = readdir (d)) != NULL)
    empty = strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0;
  closedir (d);
  return empty;
}

int
rs_anim_frames (const char *dir, rs_figure *fig, int width, int height,
                const rs_anim_frame *frames, size_t n,
                rs_anim_progress progress, char *errbuf, size_t errlen)
{
  struct stat st;
  char tmp[4096], path[4200], pngerr[4400];
  cairo_surface_t *s;
  const char *why = NULL;

  if (stat (dir, &st) == 0 && (!S_ISDIR (st.st_mode) || !folder_empty (dir)))
    {
      snprintf (errbuf, errlen, "%s: %s", dir, S_ISDIR (st.st_mode)
                ? "the folder is not empty: name a new one for the frames"
                : "exists and is not a folder");
      return -1;
    }
  snprintf (tmp, sizeof tmp, "%s.tmp-XXXXXX", dir);
  if (mkdtemp (tmp) == NULL)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", dir,
                strerror (errno));
      return -1;
    }
  chmod (tmp, 0777 & ~rs_file_umask ());
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  for (size_t k = 0; k < n && why == NULL; k++)
    {
      const char *bad = draw_frame (s, fig, &frames[k]);

      snprintf (path, sizeof path, "%s/frame-%05zu.png", tmp, k);
      if (bad != NULL)
        why = bad;
      else if (rs_export_png (s, path, pngerr, sizeof pngerr) != 0)
        why = strchr (pngerr, ':') != NULL ? strrchr (pngerr, ':') + 2
                                           : pngerr;
      else if (progress != NULL)
        progress (k + 1, n);
    }
  cairo_surface_destroy (s);
  if (why == NULL && stat (dir, &st) == 0 && rmdir (dir) != 0)
    why = strerror (errno);
  if (why == NULL && rename (tmp, dir) != 0)
    why = strerror (errno);
  if (why != NULL)
    {
      snprintf (errbuf, errlen, "%s: cannot write the frames: %s", dir, why);
      remove_folder (tmp);
      return -1;
    }
  return 0;
}

/* ---- ffmpeg ---- */

/* cairo's ARGB32 pixels as bytes in memory */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RAW_PIXELS "bgra"
#else
#define RAW_PIXELS "argb"
#endif

/* The arguments of ffmpeg for a w x h stream of raw frames at fps on its
 * standard input, encoded into out in format fmt; args holds at least 32
 * entries, size and rate 32 bytes each. */
static void
ffmpeg_args (const char *prog, rs_anim_format fmt, int w, int h, double fps,
             const char *out, char *size, char *rate, char **args)
{
  const char *input[] = {
    prog, "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo",
    "-pix_fmt", RAW_PIXELS, "-s", size, "-r", rate, "-i", "-", NULL
  };
  const char *mp4[] = {
    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
    "-f", "mp4", NULL
  };
  const char *gif[] = {
    "-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse", "-f", "gif",
    NULL
  };
  const char *const *output = fmt == RS_ANIM_MP4 ? mp4 : gif;
  size_t k = 0;

  snprintf (size, 32, "%dx%d", w, h);
  snprintf (rate, 32, "%g", fps);
  for (size_t i = 0; input[i] != NULL; i++)
    args[k++] = (char *) input[i];
  for (size_t i = 0; output[i] != NULL; i++)
    args[k++] = (char *) output[i];
  args[k++] = (char *) out;
  args[k] = NULL;
}

typedef struct {
  pid_t pid;
  FILE *in;          /* ffmpeg's standard input */
  FILE *err;         /* its standard error, a temporary file */
} encoder;

/* Start ffmpeg with args; 0, or -1 with the reason in why. */
static int
encoder_start (encoder *e, char **args, char *why, size_t n)
{
  int in[2], report[2], child_errno = 0;
  ssize_t got;

  e->err = tmpfile ();
  if (e->err == NULL || pipe (in) != 0)
    {
      snprintf (why, n, "%s", strerror (errno));
      if (e->err != NULL)
        fclose (e->err);
      return -1;
    }
  if (pipe (report) != 0 || fcntl (report[1], F_SETFD, FD_CLOEXEC) != 0)
    {
      snprintf (why, n, "%s", strerror (errno));
      close (in[0]);
      close (in[1]);
      fclose (e->err);
      return -1;
    }
  fflush (NULL);
  e->pid = fork ();
  if (e->pid == 0)
    {
      dup2 (in[0], 0);
      dup2 (fileno (e->err), 2);
      close (in[0]);
      close (in[1]);
      close (report[0]);
      execvp (args[0], args);
      child_errno = errno;
      if (write (report[1], &child_errno, sizeof child_errno) < 0)
        _exit (127);
      _exit (127);
    }
  close (in[0]);
  close (report[1]);
  if (e->pid < 0)
    {
      snprintf (why, n, "%s", strerror (errno));
      close (in[1]);
      close (report[0]);
      fclose (e->err);
      return -1;
    }
  got = read (report[0], &child_errno, sizeof child_errno);
  close (report[0]);
  if (got == (ssize_t) sizeof child_errno)
    {
      waitpid (e->pid, NULL, 0);
      close (in[1]);
      fclose (e->err);
      if (child_errno == ENOENT)
        snprintf (why, n, "%s was not found: install it (apt-get install "
                  "ffmpeg), or write PNG frames with --frames DIR", args[0]);
      else
        snprintf (why, n, "cannot start %s: %s", args[0],
                  strerror (child_errno));
      return -1;
    }
  e->in = fdopen (in[1], "wb");
  return 0;
}

/* Close ffmpeg's input and wait for it: 0 when it exited with 0, else -1
 * with its last line of errors (or how it ended) in why. */
static int
encoder_finish (encoder *e, char *why, size_t n)
{
  int status = 0;
  char line[512] = "", last[512] = "";

  if (e->in != NULL)
    fclose (e->in);
  while (waitpid (e->pid, &status, 0) < 0 && errno == EINTR)
    ;
  rewind (e->err);
  while (fgets (line, sizeof line, e->err) != NULL)
    if (line[0] != '\n')
      snprintf (last, sizeof last, "%s", line);
  fclose (e->err);
  last[strcspn (last, "\n")] = '\0';
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return 0;
  if (last[0] != '\0')
    snprintf (why, n, "ffmpeg failed: %s", last);
  else if (WIFSIGNALED (status))
    snprintf (why, n, "ffmpeg was killed by signal %d", WTERMSIG (status));
  else
    snprintf (why, n, "ffmpeg failed (exit status %d)", WEXITSTATUS (status));
  return -1;
}

/* Write the rows of image surface s to f; 0 or -1. */
static int
write_pixels (FILE *f, cairo_surface_t *s)
{
  const unsigned char *d = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);

  for (int y = 0; y < h; y++)
    if (fwrite (d + (size_t) y * stride, 4, (size_t) w, f) != (size_t) w)
      return -1;
  return 0;
}

int
rs_anim_video (const char *path, rs_figure *fig, int width, int height,
               double fps, const rs_anim_frame *frames, size_t n,
               rs_anim_progress progress, char *errbuf, size_t errlen)
{
  rs_anim_format fmt = rs_anim_format_of (path);
  const char *prog = getenv ("RELUSCAPE_FFMPEG");
  char tmp[4096], size[32], rate[32], why[600] = "", fail[600], *args[32];
  size_t hold = (size_t) (fps + 0.5);
  struct sigaction ign, old;
  cairo_surface_t *s;
  encoder e = { 0, NULL, NULL };
  int fd, rc = 0;

  if (fmt == RS_ANIM_NONE || n == 0)
    {
      snprintf (errbuf, errlen, "%s: an animation is .mp4 or .gif", path);
      return -1;
    }
  snprintf (tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
  if ((fd = mkstemp (tmp)) < 0)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                strerror (errno));
      return -1;
    }
  /* mkstemp makes the file private; an output gets the usual mode */
  fchmod (fd, 0666 & ~rs_file_umask ());
  close (fd);
  ffmpeg_args (prog != NULL && prog[0] != '\0' ? prog : "ffmpeg", fmt, width,
               height, fps, tmp, size, rate, args);
  if (encoder_start (&e, args, why, sizeof why) != 0)
    {
      unlink (tmp);
      snprintf (errbuf, errlen, "%s: %s", path, why);
      return -1;
    }
  /* a write to an ffmpeg that has died is an error here, not a signal */
  memset (&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigaction (SIGPIPE, &ign, &old);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  for (size_t k = 0; k < n + hold && rc == 0; k++)
    {
      const char *bad = k < n ? draw_frame (s, fig, &frames[k]) : NULL;

      if (bad != NULL)
        {
          snprintf (why, sizeof why, "cannot draw frame %zu: %s", k, bad);
          rc = -1;
        }
      else if (write_pixels (e.in, s) != 0)
        rc = -1;
      else if (progress != NULL)
        progress (k + 1, n + hold);
    }
  cairo_surface_destroy (s);
  if (rc == 0 && fflush (e.in) != 0)
    rc = -1;
  /* ffmpeg's own reason comes first: a failed write only follows it */
  if (encoder_finish (&e, fail, sizeof fail) != 0)
    {
      if (why[0] == '\0')
        snprintf (why, sizeof why, "%s", fail);
      rc = -1;
    }
  sigaction (SIGPIPE, &old, NULL);
  if (rc == 0 && rename (tmp, path) != 0)
    {
      snprintf (why, sizeof why, "%s", strerror (errno));
      rc = -1;
    }
  if (rc != 0)
    {
      unlink (tmp);
      snprintf (errbuf, errlen, "%s: cannot write the animation: %s", path,
                why[0] != '\0' ? why : "ffmpeg stopped reading its input");
      return -1;
    }
  return 0;
}
