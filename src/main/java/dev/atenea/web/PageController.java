package dev.atenea.web;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import dev.atenea.generation.Item;
import dev.atenea.generation.ItemDraft;
import dev.atenea.generation.ItemService;
import dev.atenea.generation.QueueService;
import dev.atenea.generation.TaskService;
import dev.atenea.generation.TaskType;
import dev.atenea.generation.ValidationException;
import dev.atenea.notification.NotificationService;
import dev.atenea.provider.MediaKind;
import dev.atenea.provider.ProviderDescriptor;
import dev.atenea.provider.ProviderRegistry;
import dev.atenea.queue.Message;
import dev.atenea.user.AccountProperties;
import dev.atenea.user.AuthenticatedUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The browser pages: sign-in, the dashboard with a form and a list per kind, and an item
 * page. Forms post back here and redirect; the page's script does the same calls with
 * {@code fetch} so nothing reloads.
 */
@Controller
class PageController {

	private static final int DASHBOARD_ITEMS = 12;

	private final ItemService items;

	private final QueueService queue;

	private final NotificationService notifications;

	private final ProviderRegistry providers;

	private final TaskService tasks;

	private final AccountProperties accounts;

	PageController(ItemService items, QueueService queue, NotificationService notifications, ProviderRegistry providers,
			TaskService tasks, AccountProperties accounts) {
		this.items = items;
		this.queue = queue;
		this.notifications = notifications;
		this.providers = providers;
		this.tasks = tasks;
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("signupEnabled", this.accounts.signupEnabled());
		return "login";
	}

	/**
	 * Where a locked login form post is forwarded: the login page, saying why, with 429.
	 */
	@RequestMapping("/login/locked")
	String loginLocked(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		model.addAttribute("lockedMinutes", Math.max(1, this.accounts.loginLockout().toMinutes()));
		return login(model);
	}

	@GetMapping("/")
	String dashboard(@AuthenticationPrincipal AuthenticatedUser user, Model model) {
		Map<String, List<Item>> byKind = new LinkedHashMap<>();
		for (MediaKind kind : MediaKind.values()) {
			byKind.put(kind.plural(), this.items.findNewest(user.id(), kind, 0, DASHBOARD_ITEMS).results());
		}
		model.addAttribute("itemsByKind", byKind);
		model.addAttribute("providers", providersByKind());
		addCommon(user, model);
		return "dashboard";
	}

	@GetMapping("/{kind:videos|images|audio}/{uuid}")
	String item(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind, @PathVariable UUID uuid,
			Model model) {
		Item item = this.items.findOwned(user.id(), MediaKind.fromPlural(kind), uuid)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("item", item);
		model.addAttribute("history", this.tasks.findHistory(user.id(), uuid));
		addCommon(user, model);
		return "item";
	}

	@GetMapping({ "/queues", "/queues/" })
	String queues(@AuthenticationPrincipal AuthenticatedUser user, Model model) {
		addCommon(user, model);
		return "queues";
	}

	@PostMapping("/{kind:videos|images|audio}")
	String create(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind,
			@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		MediaKind mediaKind = MediaKind.fromPlural(kind);
		try {
			Map<String, String> unreadable = new LinkedHashMap<>();
			ItemDraft draft = FormDraft.read(mediaKind, form, unreadable);
			Item item = this.items.create(user.id(), mediaKind, draft, unreadable);
			redirect.addFlashAttribute("created", item.uuid());
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("errors", Map.of(kind, ex.fields()));
			redirect.addFlashAttribute("form", Map.of(kind, form.toSingleValueMap()));
		}
		return "redirect:/#" + kind;
	}

	/**
	 * The generate button: {@code POST /videos/generate} with {@code video_uuid}, and
	 * likewise for images and audio. Answers JSON to the page's script, a redirect to a
	 * plain form.
	 */
	@PostMapping("/{kind:videos|images|audio}/generate")
	Object generate(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String kind,
			@RequestParam MultiValueMap<String, String> form,
			@RequestHeader(name = "Accept", defaultValue = "") String accept) {
		MediaKind mediaKind = MediaKind.fromPlural(kind);
		UUID uuid = parseUuid(form.getFirst(mediaKind.singular() + "_uuid"));
		Item item = (uuid != null) ? this.items.findOwned(user.id(), mediaKind, uuid).orElse(null) : null;
		if (item == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		int priority = parsePriority(form.getFirst("priority"));
		var enqueued = this.queue.enqueueGeneration(item, user.id(), TaskType.of(mediaKind), priority);
		if (accept.contains(MediaType.APPLICATION_JSON_VALUE)) {
			return ResponseEntity.ok(Map.of("task", TaskView.of(enqueued.task())));
		}
		return "redirect:/#" + kind;
	}

	static void addCommon(AuthenticatedUser user, Model model, NotificationService notifications) {
		model.addAttribute("user", user);
		model.addAttribute("unreadCount", notifications.unreadCount(user.id()));
	}

	private void addCommon(AuthenticatedUser user, Model model) {
		addCommon(user, model, this.notifications);
	}

	/**
	 * The providers of each kind with the default one first, so a form starts on what an
	 * API call without a provider would use (the free offline one), never on a paid one.
	 */
	private Map<String, Object> providersByKind() {
		Map<String, Object> byKind = new HashMap<>();
		for (MediaKind kind : MediaKind.values()) {
			byKind.put(kind.plural(), this.providers.descriptors(kind)
				.stream()
				.sorted(Comparator.comparing((ProviderDescriptor d) -> !d.name().equals(ItemService.DEFAULT_PROVIDER)))
				.toList());
		}
		return byKind;
	}

	private static UUID parseUuid(String value) {
		try {
			return (value != null) ? UUID.fromString(value.strip()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int parsePriority(String value) {
		try {
			int priority = (value != null && !value.isBlank()) ? Integer.parseInt(value.strip())
					: Message.DEFAULT_PRIORITY;
			return Math.clamp(priority, Message.MIN_PRIORITY, Message.MAX_PRIORITY);
		}
		catch (NumberFormatException ex) {
			return Message.DEFAULT_PRIORITY;
		}
	}

}
