/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock selftests: talking to the audit subsystem over NETLINK_AUDIT
 * (audit_test and failnth_test).
 */

#ifndef _SELFTESTS_LANDLOCK_AUDIT_COMMON_H
#define _SELFTESTS_LANDLOCK_AUDIT_COMMON_H

#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>

#include "common.h"

/* Largest audit message (see MAX_AUDIT_MESSAGE_LENGTH in libaudit). */
#define AUDIT_MSG_MAX 8970

/* Sends a message of @type with @len bytes of @data to the kernel. */
static int __maybe_unused audit_send(const int fd, const __u16 type,
				     const __u16 flags, const __u32 seq,
				     const void *const data, const size_t len)
{
	union {
		struct nlmsghdr h;
		char buf[NLMSG_SPACE(1024)];
	} msg = {};
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
	};
	ssize_t ret;

	if (len > 1024)
		return -EMSGSIZE;
	msg.h.nlmsg_len = NLMSG_LENGTH(len);
	msg.h.nlmsg_type = type;
	msg.h.nlmsg_flags = NLM_F_REQUEST | flags;
	msg.h.nlmsg_seq = seq;
	memcpy(NLMSG_DATA(&msg.h), data, len);
	do {
		ret = sendto(fd, &msg, msg.h.nlmsg_len, 0,
			     (struct sockaddr *)&addr, sizeof(addr));
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	return ret == msg.h.nlmsg_len ? 0 : -EIO;
}

/*
 * Receives one message: returns its type, or -errno (-EAGAIN if nothing
 * came in time).  Its payload is copied to @text, NUL-terminated (and
 * truncated if needed); for NLMSG_ERROR, the error goes to @error and the
 * acknowledged sequence number to @seq.
 *
 * The kernel sends one record per datagram; the nlmsg_len of a record is
 * the length of its text, not of the whole message (a quirk of the audit
 * protocol), so the datagram's length is what counts.
 */
static int __maybe_unused audit_recv(const int fd, char *const text,
				     const size_t size, int *const error,
				     __u32 *const seq)
{
	union {
		struct nlmsghdr h;
		char buf[NLMSG_SPACE(AUDIT_MSG_MAX)];
	} msg;
	size_t payload;
	ssize_t len;

	do {
		len = recv(fd, &msg, sizeof(msg), 0);
	} while (len < 0 && errno == EINTR);
	if (len < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	if (len < (ssize_t)NLMSG_HDRLEN)
		return -EBADMSG;
	payload = len - NLMSG_HDRLEN;
	if (msg.h.nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *const err = NLMSG_DATA(&msg.h);

		if (payload < sizeof(*err))
			return -EBADMSG;
		*error = err->error;
		*seq = err->msg.nlmsg_seq;
		payload = 0;
	}
	if (payload > size - 1)
		payload = size - 1;
	memcpy(text, NLMSG_DATA(&msg.h), payload);
	text[payload] = '\0';
	return msg.h.nlmsg_type;
}

/*
 * Sends @type with @len bytes of @data and waits for the kernel's answer,
 * skipping the records that may come first.  With @reply (of @size bytes),
 * the answer is a message of @type, copied there; without, it is the
 * acknowledgment.  Returns 0 or -errno.
 */
static int __maybe_unused audit_request(const int fd, const __u32 seq,
					const __u16 type,
					const void *const data,
					const size_t len, void *const reply,
					const size_t size)
{
	char text[sizeof(struct audit_status) + 1];
	int ret, error;
	__u32 ack;

	ret = audit_send(fd, type, reply ? 0 : NLM_F_ACK, seq, data, len);
	if (ret)
		return ret;
	for (;;) {
		ret = audit_recv(fd, text, sizeof(text), &error, &ack);
		if (ret < 0)
			return ret;
		if (ret == NLMSG_ERROR && ack == seq && (error || !reply))
			return error;
		if (reply && ret == type) {
			memcpy(reply, text, size);
			return 0;
		}
	}
}

/* Sets the fields of @status named by its mask: returns 0 or -errno. */
static int __maybe_unused audit_set(const int fd, const __u32 seq,
				    const struct audit_status *const status)
{
	return audit_request(fd, seq, AUDIT_SET, status, sizeof(*status), NULL,
			     0);
}

/* Reads the audit status into @status: returns 0 or -errno. */
static int __maybe_unused audit_get(const int fd, const __u32 seq,
				    struct audit_status *const status)
{
	return audit_request(fd, seq, AUDIT_GET, NULL, 0, status,
			     sizeof(*status));
}

#endif /* _SELFTESTS_LANDLOCK_AUDIT_COMMON_H */
